import { bigint, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Versioned price table; a call records the version it was priced with. */
export const priceBook = pgTable(
  "price_book",
  {
    version: integer("version").notNull(),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    size: text("size").notNull(),
    quality: text("quality").notNull(),
    unitPriceMicros: bigint("unit_price_micros", { mode: "number" }).notNull(),
    /** Minimum billed per image. */
    floorMicros: bigint("floor_micros", { mode: "number" }).notNull(),
    /** Who published the version (null: seeded from the reference). */
    publishedBy: bigint("published_by", { mode: "number" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "price_book_pk", columns: [t.version, t.size, t.quality] })],
);

export type PriceBookRow = typeof priceBook.$inferSelect;
