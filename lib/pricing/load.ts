import "server-only";
import { asc } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { priceBook } from "@/db/schema/price-book";
import { ensureChangeListener, onPriceBookChanged } from "@/lib/limits/change-events";
import type { PriceBook } from "./price-book";

/**
 * Every published version, oldest first; re-read once a minute (versions change rarely), and at
 * once when a version is published (NOTIFY from the publishing transaction).
 */
let cached: { books: PriceBook[]; loadedAt: number } | undefined;
const CACHE_MS = 60_000;
onPriceBookChanged(() => {
  cached = undefined;
});

export class NoPriceBookError extends Error {
  constructor(readonly at: Date) {
    super(`No price book version was in effect at ${at.toISOString()}`);
  }
}

/**
 * The price book version in effect at `at`: the highest version whose effective_from is not
 * after it. Caching all versions (not the last one asked for) keeps a backdated import from
 * pricing today's calls with an old version.
 */
export async function loadPriceBook(db: DbOrTx, at: Date = new Date()): Promise<PriceBook> {
  if ("$client" in db) ensureChangeListener(db as Db);
  if (!cached || Date.now() - cached.loadedAt >= CACHE_MS) {
    cached = { books: await readAllVersions(db), loadedAt: Date.now() };
  }
  let found: PriceBook | undefined;
  for (const book of cached.books) if (Date.parse(book.effectiveFrom) <= at.getTime()) found = book;
  if (!found) throw new NoPriceBookError(at);
  return found;
}

async function readAllVersions(db: DbOrTx): Promise<PriceBook[]> {
  const rows = await db.select().from(priceBook).orderBy(asc(priceBook.version));
  const books = new Map<number, PriceBook>();
  for (const r of rows) {
    const book = books.get(r.version) ?? { version: r.version, effectiveFrom: r.effectiveFrom.toISOString(), entries: [] };
    book.entries.push({ size: r.size, quality: r.quality, unitPriceMicros: r.unitPriceMicros, floorMicros: r.floorMicros });
    books.set(r.version, book);
  }
  return [...books.values()];
}
