import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SOURCES = ["app", "lib", "db", "instrumentation.ts", "next.config.mjs", "package.json"];

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds the Next app for tests that need the real server, unless the build is current. */
export async function ensureNextBuild(): Promise<void> {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (fs.existsSync(buildId)) {
    const built = fs.statSync(buildId).mtimeMs;
    const changed = Math.max(...SOURCES.map((s) => path.join(ROOT, s)).filter(fs.existsSync).map(newestMtime));
    if (changed < built) return;
  }
  const started = Date.now();
  const res = spawnSync("npx", ["next", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (res.status !== 0) {
    throw new Error(`next build failed:\n${res.stdout}\n${res.stderr}`);
  }
  console.log(`next build for tests: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
