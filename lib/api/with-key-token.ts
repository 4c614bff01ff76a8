import "server-only";
import type { ApiKey } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError, invalidApiKey } from "@/lib/errors";
import { TOKEN_PATTERN } from "@/lib/keys/hash";
import { findKeyByToken } from "@/lib/keys/lookup";
import { clientAddress, RateLimiter } from "./rate-limit";
import { defineRoute, type BaseContext } from "./route";

export type KeyTokenContext = BaseContext & { key: ApiKey };

const globalForLimiter = globalThis as unknown as { usageLimiters?: { byAddress: RateLimiter; byToken: RateLimiter } };
const limiters = (globalForLimiter.usageLimiters ??= {
  byAddress: new RateLimiter(env.USAGE_RATE_LIMIT_PER_MIN),
  byToken: new RateLimiter(env.USAGE_RATE_LIMIT_PER_MIN),
});

/**
 * Wraps a self-service usage route: rate limit per client address and per token, the read-only
 * key token (`Authorization: Bearer sha256_hex(key)`). A disabled or expired key may still read
 * its usage.
 */
export function withKeyToken(handler: (ctx: KeyTokenContext) => Promise<Response>) {
  return defineRoute(async (base): Promise<KeyTokenContext> => {
    throwIfLimited(limiters.byAddress.take(clientAddress(base.req)));
    const token = bearer(base.req);
    throwIfLimited(limiters.byToken.take(token));
    const key = await findKeyByToken(base.db, token);
    if (!key) throw invalidApiKey("No API key matches this token");
    return { ...base, key };
  }, handler);
}

function throwIfLimited(wait: number | null) {
  if (wait === null) return;
  throw new AppError(429, "rate_limit_error", "rate_limit_exceeded", `Too many requests: try again in ${wait} s`, undefined, {
    "retry-after": String(wait),
  });
}

function bearer(req: Request): string {
  const h = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw invalidApiKey("Missing Authorization header: send `Bearer <sha256 hex of your API key>`");
  const value = m[1]!;
  if (value.startsWith("cr_")) {
    throw invalidApiKey("Send the SHA-256 hex of your API key, not the key itself: the usage API never takes raw keys");
  }
  if (!TOKEN_PATTERN.test(value)) throw invalidApiKey("The token must be the 64-character SHA-256 hex of your API key");
  return value;
}
