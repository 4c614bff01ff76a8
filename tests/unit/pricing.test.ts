import { describe, expect, it } from "vitest";
import { priceImageCall, UnpricedSizeError } from "@/lib/pricing/price";
import { IMAGE_QUALITIES, IMAGE_SIZES, PRICE_BOOK_V1 } from "@/lib/pricing/price-book";
import { describeImageCost } from "@/lib/pricing/format";

/** The reference's billed price per image, in micro-USD. */
const REFERENCE: Record<string, Record<string, number>> = {
  "1024x1024": { low: 80_000, medium: 80_000, high: 211_000 },
  "1024x1536": { low: 80_000, medium: 80_000, high: 165_000 },
  "1536x1024": { low: 80_000, medium: 80_000, high: 165_000 },
  "2048x2048": { low: 80_000, medium: 80_000, high: 285_000 },
};

describe("priceImageCall", () => {
  for (const size of IMAGE_SIZES) {
    for (const quality of IMAGE_QUALITIES) {
      for (const n of [1, 2, 3, 4]) {
        it(`${size} ${quality} n=${n}`, () => {
          const p = priceImageCall(PRICE_BOOK_V1, { size, quality, n });
          const perImage = REFERENCE[size]![quality]!;
          expect(p.billedMicros).toBe(n * perImage);
          expect(p.perImageMicros).toBe(perImage);
          expect(p.floorApplied).toBe(quality !== "high");
          expect(p.floorMicros).toBe(80_000);
          expect(p.priceVersion).toBe(1);
        });
      }
    }
  }

  it("matches the reference's worked example: n=2, 1024x1024 high = $0.422", () => {
    expect(priceImageCall(PRICE_BOOK_V1, { size: "1024x1024", quality: "high", n: 2 }).billedMicros).toBe(422_000);
  });

  it("refuses a size the book does not price", () => {
    expect(() => priceImageCall(PRICE_BOOK_V1, { size: "512x512", quality: "low", n: 1 })).toThrow(UnpricedSizeError);
  });

  it("refuses n that is not a positive integer", () => {
    expect(() => priceImageCall(PRICE_BOOK_V1, { size: "1024x1024", quality: "low", n: 0 })).toThrow(RangeError);
    expect(() => priceImageCall(PRICE_BOOK_V1, { size: "1024x1024", quality: "low", n: 1.5 })).toThrow(RangeError);
  });
});

describe("describeImageCost", () => {
  it("shows the floor winning", () => {
    const d = describeImageCost({ n: 2, imagesDelivered: 2, unitPriceMicros: 12_000, floorMicros: 80_000, costMicros: 160_000 });
    expect(d.formula).toBe("2 images × max($0.0120, $0.0800 floor) = $0.1600");
    expect(d.rule).toBe("floor");
  });
  it("shows the unit price winning", () => {
    const d = describeImageCost({ n: 1, imagesDelivered: 1, unitPriceMicros: 211_000, floorMicros: 80_000, costMicros: 211_000 });
    expect(d.formula).toBe("1 image × max($0.2110, $0.0800 floor) = $0.2110");
    expect(d.rule).toBe("unit price");
  });
  it("says a failed call was not billed", () => {
    expect(describeImageCost({ n: 1, imagesDelivered: 0, unitPriceMicros: null, floorMicros: null, costMicros: 0 }).rule).toBe("not billed");
  });
});
