import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db } from "@/db";
import type { ApiKey } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError, errorEnvelope, internalErrorEnvelope, invalidApiKey } from "@/lib/errors";
import { TOKEN_PATTERN } from "@/lib/keys/hash";
import { findKeyByToken } from "@/lib/keys/lookup";
import { requestNow } from "./clock";
import { clientAddress, RateLimiter } from "./rate-limit";

export type KeyTokenContext = { req: Request; key: ApiKey; db: Db; now: Date; url: URL };

const globalForLimiter = globalThis as unknown as { usageLimiters?: { byAddress: RateLimiter; byToken: RateLimiter } };
const limiters = (globalForLimiter.usageLimiters ??= {
  byAddress: new RateLimiter(env.USAGE_RATE_LIMIT_PER_MIN),
  byToken: new RateLimiter(env.USAGE_RATE_LIMIT_PER_MIN),
});

/**
 * Wraps a self-service usage route: rate limit per client address, the read-only key token
 * (`Authorization: Bearer sha256_hex(key)`), request id, and one error envelope. A disabled or
 * expired key may still read its usage.
 */
export function withKeyToken(handler: (ctx: KeyTokenContext) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const requestId = `req_${randomUUID().replace(/-/g, "")}`;
    const base = { "x-request-id": requestId, "cache-control": "no-store" };
    try {
      throwIfLimited(limiters.byAddress.take(clientAddress(req)));
      const token = bearer(req);
      throwIfLimited(limiters.byToken.take(token));
      const db = getDb();
      const key = await findKeyByToken(db, token);
      if (!key) throw invalidApiKey("No API key matches this token");
      const res = await handler({ req, key, db, now: requestNow(req), url: new URL(req.url) });
      for (const [k, v] of Object.entries(base)) res.headers.set(k, v);
      return res;
    } catch (err) {
      return errorResponse(err, base);
    }
  };
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

export function errorResponse(err: unknown, headers: Record<string, string> = {}): Response {
  if (err instanceof AppError) {
    return Response.json(errorEnvelope(err), { status: err.status, headers: { ...headers, ...err.headers } });
  }
  console.error("[imgledger] unexpected error", err instanceof Error ? err.stack : err);
  return Response.json(internalErrorEnvelope, { status: 500, headers });
}
