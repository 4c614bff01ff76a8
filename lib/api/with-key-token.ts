import "server-only";
import type { ApiKey } from "@/db/schema";
import { env } from "@/lib/env";
import { invalidApiKey } from "@/lib/errors";
import { TOKEN_PATTERN } from "@/lib/keys/hash";
import { findKeyByToken } from "@/lib/keys/lookup";
import { clientAddress, rateLimited, RequestLimiter } from "./rate-limit";
import { defineRoute, type BaseContext } from "./route";

export type KeyTokenContext = BaseContext & { key: ApiKey };

const usageRate = { points: env.USAGE_RATE_LIMIT_PER_MIN, durationS: 60 };
const globalForLimiter = globalThis as unknown as { usageLimiters?: { byAddress: RequestLimiter; byToken: RequestLimiter } };
const limiters = (globalForLimiter.usageLimiters ??= {
  byAddress: new RequestLimiter(usageRate, "usage-address"),
  byToken: new RequestLimiter(usageRate, "usage-token"),
});

/**
 * Wraps a self-service usage route: rate limit per client address and per token, the read-only
 * key token (`Authorization: Bearer sha256_hex(key)`). A disabled or expired key may still read
 * its usage.
 */
export function withKeyToken(handler: (ctx: KeyTokenContext) => Promise<Response>) {
  return defineRoute(async (base): Promise<KeyTokenContext> => {
    throwIfLimited(await limiters.byAddress.take(clientAddress(base.req)));
    const token = bearer(base.req);
    throwIfLimited(await limiters.byToken.take(token));
    const key = await findKeyByToken(base.db, token);
    if (!key) throw invalidApiKey("No API key matches this token");
    return { ...base, key };
  }, handler);
}

function throwIfLimited(wait: number | null) {
  if (wait !== null) throw rateLimited(wait);
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
