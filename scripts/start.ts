/**
 * `npm start`: the whole product on one machine. Starts the embedded PostgreSQL unless
 * DATABASE_URL is set, applies migrations, seeds demo data on first start, builds the app if
 * the build is missing or older than the sources, then runs `next start`.
 *   --dev   run `next dev` instead of a production build
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/db";
import { connectLocalDatabase } from "@/db/local-server";
import { migrateDatabase } from "@/db/migrate";
import { localAuthSecret } from "@/lib/auth/local-secret";
import { env, requireServerEnv } from "@/lib/env";
import { demoCredentials, seedDemoDataIfEmpty } from "@/lib/demo/seed";

const dev = process.argv.includes("--dev");
const root = process.cwd();

function log(line: string) {
  console.log(`[imgledger] ${line}`);
}

/** NEXTAUTH_SECRET, or for the embedded default the one kept in DATA_DIR/auth-secret. */
function sessionSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.DATABASE_URL && !dev) {
    // `next start` runs with NODE_ENV=production: with a database of its own it needs a secret of its own.
    requireServerEnv({ ...env, NODE_ENV: "production" });
  }
  const { secret, file, created } = localAuthSecret(env.DATA_DIR);
  log(`${created ? "generated a session secret in" : "session secret:"} ${file}`);
  return secret;
}

let authSecret = "";

async function main() {
  fs.mkdirSync(env.DATA_DIR, { recursive: true });
  authSecret = sessionSecret();
  const local = env.DATABASE_URL ? undefined : await connectLocalDatabase(env.DATA_DIR);
  const url = env.DATABASE_URL ?? local!.url;
  log(env.DATABASE_URL ? "database: DATABASE_URL" : `database: embedded PostgreSQL in ${path.resolve(env.DATA_DIR, "pg")}`);
  await migrateDatabase(url);
  log("migrations applied");

  if (env.SEED_DEMO) {
    const { db, client } = createDb(url, { max: 4 });
    const started = Date.now();
    const seeded = await seedDemoDataIfEmpty(db, { seed: env.DEMO_SEED, now: new Date() });
    if (seeded) log(`demo data seeded: ${seeded.calls.toLocaleString("en-US")} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await client.end();
  }

  if (!dev && needsBuild()) {
    log("building the app (next build)…");
    const res = spawnSync(process.execPath, [nextBin(), "build"], { stdio: "inherit", env: childEnv(url) });
    if (res.status !== 0) throw new Error("next build failed");
  }

  const child = spawn(process.execPath, [nextBin(), dev ? "dev" : "start", "-p", String(env.PORT)], {
    stdio: ["inherit", "pipe", "inherit"],
    env: childEnv(url),
  });
  let announced = false;
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /ready|started|Local:/i.test(String(chunk))) {
      announced = true;
      announce();
    }
  });

  const shutdown = async (code: number) => {
    child.kill("SIGTERM");
    await local?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 0));
}

function announce() {
  const base = `http://localhost:${env.PORT}/qcode-img`;
  log(`ready: ${base}`);
  log(`  playground      ${base}`);
  log(`  usage page      ${base}/usage`);
  log(`  sign in         ${base}/signin`);
  log(`  OpenAI base_url ${base}/v1`);
  log(`  support console ${base}/admin  (support and admin users)`);
  if (env.SEED_DEMO) {
    const creds = demoCredentials(env.DEMO_SEED);
    log("demo keys (paste one into the usage page or use it as the API key):");
    for (const k of creds.keys) log(`  ${k.rawKey}  ${k.account} / ${k.alias}${k.note ? `  (${k.note})` : ""}`);
    log(`demo sign-ins (${base}/signin: customers land on the dashboard, staff on the support console):`);
    for (const u of creds.users) log(`  ${u.email} / ${u.password}  (${u.role})`);
  }
}

function childEnv(url: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: authSecret, NEXT_TELEMETRY_DISABLED: "1" };
}

function nextBin() {
  return path.join(root, "node_modules/next/dist/bin/next");
}

function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const newest = (p: string): number => {
    if (!fs.existsSync(p)) return 0;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
  };
  return Math.max(...["app", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json"].map((p) => newest(path.join(root, p)))) > built;
}

main().catch((err) => {
  console.error(`[imgledger] start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
