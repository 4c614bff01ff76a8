import "server-only";
import { isIP } from "node:net";
import { z } from "zod";

/**
 * The one place that reads `process.env`. Everything else imports `env` (or calls `parseEnv`
 * with an explicit record in tests), so a bad value fails once, at start, with a clear message.
 */
/** Where next-auth's routes are mounted (next-auth needs it in NEXTAUTH_URL when that is set). */
export const AUTH_BASE_PATH = "/qcode-img/api/auth";

const onOff = z
  .enum(["on", "off", "true", "false", "1", "0"])
  .transform((v) => v === "on" || v === "true" || v === "1");

const csv = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Postgres to use. Unset: `npm start` starts an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./.data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Seed the demo dataset (keys, sign-ins with passwords, ~50,000 calls) on first start with an
   * empty database. Unset: only on the embedded database with the local preview engine, never on
   * a DATABASE_URL database or with a real upstream (demo keys and passwords derive from a public
   * seed). `1` seeds anyway; `0` never.
   */
  SEED_DEMO: onOff.optional(),
  /** The old name of SEED_DEMO: refused with a pointer, so it cannot be silently ignored. */
  DEMO_DATA: z.never({ error: "renamed: use SEED_DEMO=1 to seed the demo dataset (see the README)" }).optional(),
  DEMO_SEED: z.string().default("imgledger-demo-1"),
  /** Bearer token for POST /qcode-img/api/ledger/events. Unset: ingest is closed. */
  INGEST_TOKEN: z.string().min(16).optional(),
  /** OpenAI-compatible images API. Unset: the built-in local preview engine renders PNGs. */
  UPSTREAM_BASE_URL: z.string().url().optional(),
  UPSTREAM_API_KEY: z.string().optional(),
  UPSTREAM_TIMEOUT_S: z.coerce.number().positive().default(170),
  /** Artificial delay of the local preview engine, per call. */
  LOCAL_ENGINE_DELAY_MS: z.coerce.number().int().min(0).default(1500),
  ALLOWED_SIZES: csv.default(["1024x1024", "1024x1536", "1536x1024"]),
  /** Service-wide ceiling of image calls in flight (503 service_overloaded above it). */
  MAX_INFLIGHT: z.coerce.number().int().positive().default(64),
  /** A crashed request's concurrency lease expires after this long. */
  LEASE_TTL_S: z.coerce.number().int().positive().default(200),
  REGION: z.string().default("local"),
  /** Highest concurrency cap the console may give a key. */
  MAX_KEY_CONCURRENCY: z.coerce.number().int().positive().default(64),
  /** Store the first 120 characters of each prompt in the ledger. */
  PROMPT_PREVIEW: onOff.default(true),
  /** Self-service usage API: requests per minute per client address. */
  USAGE_RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(120),
  /**
   * Signs and encrypts session cookies; the same secret keeps sessions valid across restarts.
   * Required when NODE_ENV=production (`requireServerEnv`); `npm start` without DATABASE_URL
   * generates one and keeps it in DATA_DIR/auth-secret.
   */
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  /**
   * Pins the public URL of the sign-in routes (next-auth reads it itself). Unset: the request's
   * host is trusted, so sign-in works as localhost, 127.0.0.1 or a network address.
   */
  NEXTAUTH_URL: z
    .string()
    .url()
    .refine((u) => new URL(u).pathname.replace(/\/$/, "") === AUTH_BASE_PATH, {
      message: `must be the full URL of the sign-in routes, ending in ${AUTH_BASE_PATH} (e.g. https://img.example.com${AUTH_BASE_PATH})`,
    })
    .optional(),
  /** Failed sign-ins allowed per email within SIGNIN_THROTTLE_WINDOW_MIN; beyond it 429. */
  SIGNIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins allowed per client address within the window; beyond it 429. */
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  SIGNIN_THROTTLE_WINDOW_MIN: z.coerce.number().int().positive().max(24 * 60).default(15),
  /** Display rate for accounts settling in CNY: amounts show "≈ ¥…" beside USD. Prices stay in USD. */
  FX_USD_CNY: z.coerce.number().positive().max(1000).default(7.2),
  /** Accept an `x-imgledger-now` header as the clock. Test servers only. */
  TEST_CLOCK: onOff.default(false),
  /**
   * Test servers only: honour `x-imgledger-test-*` headers that pause a call at chosen points
   * (after the engine returns, before the billed row is committed), so tests hit those instants.
   */
  TEST_HOOKS: onOff.default(false),
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDR blocks, comma-separated).
   * Empty: the client address is the TCP peer's, whatever the request says.
   */
  TRUSTED_PROXIES: csv
    .refine((list) => list.every(isProxyEntry), { message: "must be IP addresses or CIDR blocks, comma-separated" })
    .default([]),
  /** Gateway request rate per API key: steady requests per second, plus a burst pool per 10 s. */
  GATEWAY_RATE_PER_KEY_PER_S: z.coerce.number().int().positive().default(10),
  GATEWAY_RATE_BURST_PER_KEY: z.coerce.number().int().min(0).default(50),
  /** Gateway request rate per client address (authenticated or not), same shape. */
  GATEWAY_RATE_PER_ADDRESS_PER_S: z.coerce.number().int().positive().default(20),
  GATEWAY_RATE_BURST_PER_ADDRESS: z.coerce.number().int().min(0).default(100),
  /**
   * A client that sends again while told to wait (Retry-After) gets its next 429 this much later
   * (0: at once), so one address cannot take the gateway's event loop by refusal volume.
   */
  GATEWAY_REFUSAL_PAUSE_MS: z.coerce.number().int().min(0).max(10_000).default(100),
  /**
   * Benchmark only: the image route skips key checks, limits and the ledger, so the benchmark can
   * measure their cost beside the full path in the same run. Never set in production.
   */
  GATEWAY_BENCH_BYPASS: onOff.default(false),
});

/** A lease must outlive the longest call it guards, or a slow call's slot is handed out twice. */
const LEASE_MARGIN_S = 5;

const checkedEnvSchema = envSchema
  .refine((e) => !e.UPSTREAM_BASE_URL || e.LEASE_TTL_S >= e.UPSTREAM_TIMEOUT_S + LEASE_MARGIN_S, {
    path: ["LEASE_TTL_S"],
    message: `must be at least UPSTREAM_TIMEOUT_S + ${LEASE_MARGIN_S} s, or a slow call's lease expires while it runs`,
  })
  .refine((e) => !!e.UPSTREAM_BASE_URL || e.LEASE_TTL_S * 1000 >= e.LOCAL_ENGINE_DELAY_MS + LEASE_MARGIN_S * 1000, {
    path: ["LEASE_TTL_S"],
    message: `must be at least LOCAL_ENGINE_DELAY_MS + ${LEASE_MARGIN_S} s, or a slow call's lease expires while it runs`,
  })
  .transform(({ DEMO_DATA: _renamed, ...e }) => ({ ...e, SEED_DEMO: e.SEED_DEMO ?? (!e.DATABASE_URL && !e.UPSTREAM_BASE_URL) }));

export type Env = z.infer<typeof checkedEnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = checkedEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join(".")}: ${i.message}`)
      .join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

export const MISSING_AUTH_SECRET =
  "NEXTAUTH_SECRET is required when NODE_ENV=production: set it to a long random value (e.g. `openssl rand -base64 32`) " +
  "and keep it across restarts, or sessions end at every restart. (`npm start` without DATABASE_URL generates one in DATA_DIR/auth-secret.)";

/**
 * What the server needs beyond a valid environment, checked when it starts (instrumentation.ts,
 * scripts/start.ts): a production server must have a session secret of its own. Tools such as
 * `npm run keys` do not sign sessions and do not need it.
 */
export function requireServerEnv(e: Env = env): void {
  if (e.NODE_ENV === "production" && !e.NEXTAUTH_SECRET) throw new Error(MISSING_AUTH_SECRET);
}

/**
 * next-auth v4 reads its settings from process.env itself: without NEXTAUTH_URL it takes the
 * origin from the request only when AUTH_TRUST_HOST is set. We trust the request's host unless
 * NEXTAUTH_URL pins it (the host only shapes the redirects sent back to that same client).
 */
export function trustRequestHostForNextAuth(): void {
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "true";
}

/** An address or CIDR block (IPv4 or IPv6), as TRUSTED_PROXIES takes them. */
export function isProxyEntry(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  const family = isIP(address ?? "");
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * How long the gateway waits for the engine: never past the call's lease (less a margin for
 * recording the call), so a call cannot still be running once its concurrency lease is
 * reclaimed and handed to another call.
 */
export function engineDeadlineS(e: Pick<Env, "UPSTREAM_TIMEOUT_S" | "LEASE_TTL_S">): number {
  return Math.max(1, Math.min(e.UPSTREAM_TIMEOUT_S, e.LEASE_TTL_S - LEASE_MARGIN_S));
}
