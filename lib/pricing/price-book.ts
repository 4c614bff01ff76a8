/**
 * Sizes and qualities of gpt-image-2 and price book version 1. Client-safe: no server imports.
 *
 * The reference prices high quality per size and bills low and medium at the $0.08 floor
 * without publishing their underlying cost. The low/medium unit prices below are estimates
 * (high price × 0.057 for low, × 0.25 for medium) that are always under the floor, so what is
 * billed is exactly the reference's table; they exist so a call's detail can show why the
 * floor won.
 */
export const IMAGE_SIZES = ["1024x1024", "1024x1536", "1536x1024", "2048x2048"] as const;
export const IMAGE_QUALITIES = ["low", "medium", "high"] as const;

export type ImageSize = (typeof IMAGE_SIZES)[number];
export type ImageQuality = (typeof IMAGE_QUALITIES)[number];

export const FLOOR_MICROS = 80_000;

export type PriceEntry = { size: string; quality: string; unitPriceMicros: number; floorMicros: number };
export type PriceBook = { version: number; effectiveFrom: string; entries: PriceEntry[] };

export const PRICE_BOOK_V1: PriceBook = {
  version: 1,
  effectiveFrom: "2026-04-01T00:00:00Z",
  entries: [
    { size: "1024x1024", quality: "low", unitPriceMicros: 12_000, floorMicros: FLOOR_MICROS },
    { size: "1024x1024", quality: "medium", unitPriceMicros: 53_000, floorMicros: FLOOR_MICROS },
    { size: "1024x1024", quality: "high", unitPriceMicros: 211_000, floorMicros: FLOOR_MICROS },
    { size: "1024x1536", quality: "low", unitPriceMicros: 9_400, floorMicros: FLOOR_MICROS },
    { size: "1024x1536", quality: "medium", unitPriceMicros: 41_000, floorMicros: FLOOR_MICROS },
    { size: "1024x1536", quality: "high", unitPriceMicros: 165_000, floorMicros: FLOOR_MICROS },
    { size: "1536x1024", quality: "low", unitPriceMicros: 9_400, floorMicros: FLOOR_MICROS },
    { size: "1536x1024", quality: "medium", unitPriceMicros: 41_000, floorMicros: FLOOR_MICROS },
    { size: "1536x1024", quality: "high", unitPriceMicros: 165_000, floorMicros: FLOOR_MICROS },
    { size: "2048x2048", quality: "low", unitPriceMicros: 16_200, floorMicros: FLOOR_MICROS },
    { size: "2048x2048", quality: "medium", unitPriceMicros: 71_000, floorMicros: FLOOR_MICROS },
    { size: "2048x2048", quality: "high", unitPriceMicros: 285_000, floorMicros: FLOOR_MICROS },
  ],
};
