import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type Db } from "@/db";
import { TEMPLATE_DB, withDatabase } from "./global-setup";

export type TestDb = { db: Db; url: string; sql: postgres.Sql; drop: () => Promise<void> };

/** A fresh, migrated database of its own (a clone of the run's template). */
export async function createTestDb(): Promise<TestDb> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const { db, client } = createDb(url, { max: 5 });
  return {
    db,
    url,
    sql: client,
    drop: async () => {
      await client.end();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
