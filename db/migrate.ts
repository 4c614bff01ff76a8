import "server-only";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { seedPriceBook } from "@/lib/pricing/seed";

/** Applies the generated migrations in `drizzle/` and the price book; safe to run on every start. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: path.join(process.cwd(), "drizzle") });
    await seedPriceBook(db);
  } finally {
    await client.end();
  }
}
