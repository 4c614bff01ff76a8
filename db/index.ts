import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; query functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export function createDb(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Sessions may run in any time zone: every billing-day computation names Asia/Shanghai.
    connection: { application_name: "imgledger" },
  });
  return { db: drizzle(client, { schema }), client };
}

const globalForDb = globalThis as unknown as { imgledgerDb?: ReturnType<typeof createDb> };

/** The process-wide connection pool, created on first use (so `next build` needs no database). */
export function getDb(): Db {
  if (!globalForDb.imgledgerDb) {
    if (!env.DATABASE_URL) {
      throw new Error("DATABASE_URL is not set: start the app with `npm start`, or set it.");
    }
    globalForDb.imgledgerDb = createDb(env.DATABASE_URL);
  }
  return globalForDb.imgledgerDb.db;
}

/** The postgres.js pool under getDb(), for libraries that want a driver rather than drizzle. */
export function getSql(): postgres.Sql {
  getDb();
  return globalForDb.imgledgerDb!.client;
}

export { schema };
