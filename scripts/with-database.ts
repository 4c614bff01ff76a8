import { createDb, type Db } from "@/db";
import { connectLocalDatabase } from "@/db/local-server";
import { migrateDatabase } from "@/db/migrate";
import { env } from "@/lib/env";

/** For command-line tools: DATABASE_URL, or the checkout's embedded server (started if needed). */
export async function withDatabase<T>(fn: (db: Db, url: string) => Promise<T>): Promise<T> {
  const local = env.DATABASE_URL ? undefined : await connectLocalDatabase(env.DATA_DIR);
  const url = env.DATABASE_URL ?? local!.url;
  await migrateDatabase(url);
  const { db, client } = createDb(url, { max: 4 });
  try {
    return await fn(db, url);
  } finally {
    await client.end();
    await local?.stop();
  }
}
