/** Money formatting at the UI edge. Client-safe. */

/** 211000 → "$0.2110" (4 decimals: unit prices like $0.0094 stay exact). */
export function formatUsd4(micros: number): string {
  return `${micros < 0 ? "-" : ""}$${(Math.abs(micros) / 1_000_000).toFixed(4)}`;
}

/**
 * The one rounding rule for amounts on screen, in charts and tooltips: integer micro-dollars
 * rounded half up (away from zero) to `decimals` places, in integer arithmetic, so a figure never
 * reads $65.83 in one place and $65.84 in another.
 */
function roundMicros(micros: number, decimals: 2 | 4): { sign: string; whole: number; frac: string } {
  const unit = 10 ** (6 - decimals);
  const units = Math.floor((Math.abs(micros) + unit / 2) / unit);
  const scale = 10 ** decimals;
  return {
    sign: micros < 0 && units > 0 ? "-" : "",
    whole: Math.floor(units / scale),
    frac: String(units % scale).padStart(decimals, "0"),
  };
}

/** 1234560000 → "$1,234.56"; under a dollar up to 4 decimals: 211000 → "$0.211", 80000 → "$0.08". */
export function formatUsd(micros: number): string {
  const small = micros !== 0 && Math.abs(micros) < 1_000_000;
  const r = roundMicros(micros, small ? 4 : 2);
  const frac = small ? r.frac.replace(/0{1,2}$/, "") : r.frac;
  return `${r.sign}$${r.whole.toLocaleString("en-US")}.${frac}`;
}

/**
 * `≈ ¥…` for accounts settling in CNY: the dollar amount at `rate` yuan per dollar, to the fen
 * (half up, in integers). Display only: prices and bills stay in USD.
 */
export function formatCnyApprox(micros: number, rate: number): string {
  const rateMicros = BigInt(Math.round(rate * 1_000_000));
  const microYuanTimes1e6 = BigInt(Math.round(micros)) * rateMicros;
  const neg = microYuanTimes1e6 < 0n;
  const abs = neg ? -microYuanTimes1e6 : microYuanTimes1e6;
  const fenUnit = 10_000n * 1_000_000n;
  const fen = (abs + fenUnit / 2n) / fenUnit;
  const whole = Number(fen / 100n);
  return `≈ ${neg && fen > 0n ? "-" : ""}¥${whole.toLocaleString("en-US")}.${String(fen % 100n).padStart(2, "0")}`;
}

/** Exact decimal string for CSV: 160000 → "0.160000". */
export function microsToUsdString(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}

/** The arithmetic of an image call, e.g. `2 images × max($0.0120, $0.0800 floor) = $0.1600`. */
export function describeImageCost(c: {
  n: number;
  imagesDelivered: number;
  unitPriceMicros: number | null;
  floorMicros: number | null;
  costMicros: number;
}): { formula: string; rule: "floor" | "unit price" | "not billed" } {
  if (c.unitPriceMicros == null || c.floorMicros == null || c.costMicros === 0) {
    return { formula: `not billed: ${formatUsd4(0)}`, rule: "not billed" };
  }
  const images = c.imagesDelivered || c.n;
  const floorWins = c.unitPriceMicros < c.floorMicros;
  return {
    formula: `${images} image${images === 1 ? "" : "s"} × max(${formatUsd4(c.unitPriceMicros)}, ${formatUsd4(c.floorMicros)} floor) = ${formatUsd4(c.costMicros)}`,
    rule: floorWins ? "floor" : "unit price",
  };
}
