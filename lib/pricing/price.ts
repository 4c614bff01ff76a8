import type { PriceBook } from "./price-book";

export type ImagePrice = {
  priceVersion: number;
  unitPriceMicros: number;
  floorMicros: number;
  /** Price billed per image: max(unit, floor). */
  perImageMicros: number;
  floorApplied: boolean;
  billedMicros: number;
};

export class UnpricedSizeError extends Error {
  constructor(
    readonly size: string,
    readonly quality: string,
  ) {
    super(`No price for size ${size} and quality ${quality}`);
  }
}

/** billed = n × max(unit price for size × quality, floor). Integer micro-USD throughout. */
export function priceImageCall(
  book: PriceBook,
  call: { size: string; quality: string; n: number },
): ImagePrice {
  const entry = book.entries.find((e) => e.size === call.size && e.quality === call.quality);
  if (!entry) throw new UnpricedSizeError(call.size, call.quality);
  if (!Number.isInteger(call.n) || call.n < 1) throw new RangeError(`n must be a positive integer, got ${call.n}`);
  const floorApplied = entry.unitPriceMicros < entry.floorMicros;
  const perImageMicros = floorApplied ? entry.floorMicros : entry.unitPriceMicros;
  return {
    priceVersion: book.version,
    unitPriceMicros: entry.unitPriceMicros,
    floorMicros: entry.floorMicros,
    perImageMicros,
    floorApplied,
    billedMicros: call.n * perImageMicros,
  };
}
