import { isIP } from "node:net";
import { z } from "zod";

/**
 * The one place that reads `process.env`. Everything else imports `env` (or calls `parseEnv`
 * with an explicit record in tests), so a bad value fails once, at start, with a clear message.
 */
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
   * Seed the demo dataset on first start with an empty database. Unset: on for the local preview
   * engine, off once a real upstream is configured (demo keys derive from a public seed).
   */
  DEMO_DATA: onOff.optional(),
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
  /** Store the first 120 characters of each prompt in the ledger. */
  PROMPT_PREVIEW: onOff.default(true),
  /** Self-service usage API: requests per minute per client address. */
  USAGE_RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(120),
  NEXTAUTH_SECRET: z.string().default("imgledger-dev-secret-change-me-in-production"),
  NEXTAUTH_URL: z.string().url().optional(),
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
  .transform((e) => ({ ...e, DEMO_DATA: e.DEMO_DATA ?? !e.UPSTREAM_BASE_URL }));

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
