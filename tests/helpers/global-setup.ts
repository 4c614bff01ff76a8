import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { ensureNextBuild } from "./next-build";

export const TEMPLATE_DB = "imgledger_template";

/**
 * One real PostgreSQL per test run (embedded unless TEST_DATABASE_URL points at a server),
 * migrated once into a template database; each test file clones it (see db.ts).
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "imgledger-test-pg-"));
    const pg = await startEmbeddedPostgres({ dir, database: "postgres_admin", persistent: false });
    adminUrl = pg.url;
    stop = pg.stop;
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB}`);
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await admin.end();
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("adminDatabaseUrl", adminUrl);

  if (process.env.IMGLEDGER_SKIP_NEXT_BUILD !== "1") await ensureNextBuild();

  return async () => {
    await stop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
