import "server-only";
import { desc, eq, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { priceBook } from "@/db/schema/price-book";
import type { PriceBook } from "./price-book";

let cached: { book: PriceBook; loadedAt: number } | undefined;
const CACHE_MS = 60_000;

/** The price book version in effect at `at` (cached for a minute: versions change rarely). */
export async function loadPriceBook(db: DbOrTx, at: Date = new Date()): Promise<PriceBook> {
  if (cached && Date.now() - cached.loadedAt < CACHE_MS && new Date(cached.book.effectiveFrom) <= at) {
    return cached.book;
  }
  const [latest] = await db
    .select({ version: priceBook.version })
    .from(priceBook)
    .where(lte(priceBook.effectiveFrom, at))
    .orderBy(desc(priceBook.version))
    .limit(1);
  if (!latest) throw new Error("The price book is empty: run the migrations.");
  const rows = await db.select().from(priceBook).where(eq(priceBook.version, latest.version));
  const book: PriceBook = {
    version: latest.version,
    effectiveFrom: rows[0]!.effectiveFrom.toISOString(),
    entries: rows.map((r) => ({
      size: r.size,
      quality: r.quality,
      unitPriceMicros: r.unitPriceMicros,
      floorMicros: r.floorMicros,
    })),
  };
  cached = { book, loadedAt: Date.now() };
  return book;
}

