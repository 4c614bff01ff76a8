/**
 * The one money formatter of every page, chart, tooltip and CSV. Client-safe.
 *
 * One rule: an amount is integer micro-USD, shown in dollars with exactly four decimals, rounded
 * half away from zero on the integer (so $0.0094 unit prices stay exact, and a sum shows the same
 * figure wherever it appears). Every price and floor is a whole number of $0.0001, so image
 * amounts are exact; only imported chat costs can carry finer digits, which round here and stay
 * exact in the CSV's micro-USD column.
 */
const MICROS_PER_USD = 1_000_000;
/** $0.0001 in micro-USD: the display step. */
const STEP = 100;

/** Micro-USD rounded to the display step, half away from zero, in integers only. */
export function roundMicros(micros: number): number {
  const abs = Math.abs(Math.round(micros));
  const rounded = Math.floor((abs + STEP / 2) / STEP) * STEP;
  return micros < 0 ? -rounded : rounded;
}

/** 1663450000 → "1663.4500": the rounded amount as a plain decimal (for CSV cells). */
export function usdDecimal(micros: number): string {
  const r = roundMicros(micros);
  const abs = Math.abs(r);
  const whole = Math.floor(abs / MICROS_PER_USD);
  const frac = String((abs % MICROS_PER_USD) / STEP).padStart(4, "0");
  return `${r < 0 ? "-" : ""}${whole}.${frac}`;
}

/** 1663450000 → "$1,663.4500"; 0 → "$0.0000". */
export function formatUsd(micros: number): string {
  const [whole, frac] = usdDecimal(micros).replace("-", "").split(".") as [string, string];
  return `${micros < 0 && roundMicros(micros) !== 0 ? "-" : ""}$${Number(whole).toLocaleString("en-US")}.${frac}`;
}

/** Chart values are dollars as floats (ECharts needs numbers): back to micros, then the one rule. */
export function formatUsdFloat(usd: number): string {
  return formatUsd(Math.round(usd * MICROS_PER_USD));
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

export type CostWords = { image: string; images: string; floor: string; notBilled: string };
const EN_WORDS: CostWords = { image: "image", images: "images", floor: "floor", notBilled: "not billed" };

/** The arithmetic of an image call, e.g. `2 images × max($0.0120, $0.0800 floor) = $0.1600`. */
export function describeImageCost(
  c: {
    n: number;
    imagesDelivered: number;
    unitPriceMicros: number | null;
    floorMicros: number | null;
    costMicros: number;
  },
  words: CostWords = EN_WORDS,
): { formula: string; rule: "floor" | "unit price" | "not billed" } {
  if (c.unitPriceMicros == null || c.floorMicros == null || c.costMicros === 0) {
    return { formula: `${words.notBilled}: ${formatUsd(0)}`, rule: "not billed" };
  }
  const images = c.imagesDelivered || c.n;
  const floorWins = c.unitPriceMicros < c.floorMicros;
  return {
    formula: `${images} ${images === 1 ? words.image : words.images} × max(${formatUsd(c.unitPriceMicros)}, ${formatUsd(c.floorMicros)} ${words.floor}) = ${formatUsd(c.costMicros)}`,
    rule: floorWins ? "floor" : "unit price",
  };
}
