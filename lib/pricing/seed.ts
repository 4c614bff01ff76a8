import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { priceBook } from "@/db/schema/price-book";
import { PRICE_BOOK_V1 } from "./price-book";

/** Inserts price book version 1 if it is not there; never changes a published version. */
export async function seedPriceBook(db: PgDatabase<PgQueryResultHKT>): Promise<void> {
  await db
    .insert(priceBook)
    .values(
      PRICE_BOOK_V1.entries.map((e) => ({
        version: PRICE_BOOK_V1.version,
        effectiveFrom: new Date(PRICE_BOOK_V1.effectiveFrom),
        ...e,
      })),
    )
    .onConflictDoNothing();
}
