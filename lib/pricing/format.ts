/** Money formatting at the UI edge. Client-safe. */

/** 211000 → "$0.2110" (4 decimals: unit prices like $0.0094 stay exact). */
export function formatUsd4(micros: number): string {
  return `${micros < 0 ? "-" : ""}$${(Math.abs(micros) / 1_000_000).toFixed(4)}`;
}

/** 1234560000 → "$1,234.56" */
export function formatUsd(micros: number): string {
  const v = micros / 1_000_000;
  return v.toLocaleString("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: v !== 0 && Math.abs(v) < 1 ? 4 : 2 });
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
