import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "@/db/embedded";
import { TEST_AUTH_SECRET } from "./session";

const ROOT = path.resolve(__dirname, "../..");

export type AppServer = { baseUrl: string; port: number; proc: ChildProcess; logs: string[]; stop: () => Promise<void> };

/**
 * Starts the production Next server (`next start`, built by the global setup) on a free port
 * of 127.0.0.1 against `databaseUrl`, with extra environment for the test.
 */
export async function startAppServer(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const logs: string[] = [];
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        INGEST_TOKEN: "test-ingest-token-0123456789",
        LOCAL_ENGINE_DELAY_MS: "0",
        NEXTAUTH_SECRET: TEST_AUTH_SECRET,
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  proc.stdout?.on("data", (d) => logs.push(String(d)));
  proc.stderr?.on("data", (d) => logs.push(String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`next start exited:\n${logs.join("")}`);
    try {
      const res = await fetch(`${baseUrl}/qcode-img/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`next start did not answer within 60 s:\n${logs.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    port,
    proc,
    logs,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}
