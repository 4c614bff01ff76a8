import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

export type Health = { ok: true };

/** Liveness with a database round trip: a server that cannot reach PostgreSQL is not healthy. */
export async function checkHealth(db: DbOrTx): Promise<Health> {
  await db.execute(sql`select 1`);
  return { ok: true };
}
