import "server-only";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded";

/**
 * The embedded PostgreSQL of a checkout lives under DATA_DIR/pg. Whoever starts it writes its
 * URL to DATA_DIR/pg.json, so `npm run keys` and friends reuse a server that `npm start` runs
 * instead of starting a second one on the same data directory.
 */
export async function connectLocalDatabase(dataDir: string, log?: (l: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
  const stateFile = path.join(dataDir, "pg.json");
  if (fs.existsSync(stateFile)) {
    const { url } = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { url: string };
    if (await reachable(url)) return { url, stop: async () => {} };
  }
  const pg: EmbeddedDb = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), log });
  fs.writeFileSync(stateFile, JSON.stringify({ url: pg.url, pid: process.pid }));
  return {
    url: pg.url,
    stop: async () => {
      await pg.stop();
      fs.rmSync(stateFile, { force: true });
    },
  };
}

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
