import "server-only";
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { priceBook } from "@/db/schema";

export type PriceBookVersion = {
  version: number;
  effectiveFrom: string;
  floorMicros: number;
  publishedBy: number | null;
  publishedAt: string;
  entries: { size: string; quality: string; unitPriceMicros: number }[];
};

/** Every published version with its entries, newest first (for the console). */
export async function listPriceBookVersions(db: DbOrTx): Promise<PriceBookVersion[]> {
  const rows = await db.select().from(priceBook).orderBy(asc(priceBook.version), asc(priceBook.size), asc(priceBook.quality));
  const out = new Map<number, PriceBookVersion>();
  for (const r of rows) {
    const v = out.get(r.version) ?? {
      version: r.version,
      effectiveFrom: r.effectiveFrom.toISOString(),
      floorMicros: r.floorMicros,
      publishedBy: r.publishedBy,
      publishedAt: r.publishedAt.toISOString(),
      entries: [],
    };
    v.entries.push({ size: r.size, quality: r.quality, unitPriceMicros: r.unitPriceMicros });
    out.set(r.version, v);
  }
  return [...out.values()].reverse();
}
