import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getDb, type Db } from "@/db";
import { env } from "@/lib/env";
import { readBodyCapped } from "@/lib/http/read-body-capped";
import { requestNow } from "./clock";

/** The ingest API's one error shape: `{ error: { code, message } }`. */
export class IngestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type IngestContext = { req: Request; db: Db; now: Date };

/**
 * Wraps the service-to-service ingest route: the `INGEST_TOKEN` bearer (compared in constant
 * time), and one JSON error shape. Unknown errors leak nothing.
 */
export function withIngestToken(handler: (ctx: IngestContext) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const headers = { "cache-control": "no-store" };
    try {
      if (!env.INGEST_TOKEN) {
        throw new IngestError(503, "ingest_not_configured", "Ingest is not configured on this server: set INGEST_TOKEN to enable it");
      }
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
      if (!m || !sameSecret(m[1]!, env.INGEST_TOKEN)) {
        throw new IngestError(401, "invalid_ingest_token", "Send `Authorization: Bearer <INGEST_TOKEN>`");
      }
      const res = await handler({ req, db: getDb(), now: requestNow(req) });
      for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
      return res;
    } catch (err) {
      if (err instanceof IngestError) {
        return Response.json({ error: { code: err.code, message: err.message } }, { status: err.status, headers });
      }
      console.error("[imgledger] ingest failed", err instanceof Error ? err.stack : err);
      return Response.json({ error: { code: "internal_error", message: "Internal server error" } }, { status: 500, headers });
    }
  };
}

/** Hashing first gives equal lengths, so timingSafeEqual reveals nothing, not even the length. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The request body as JSON, refusing more than `limit` bytes: first by Content-Length, then by
 * counting the stream (a chunked or lying client cannot get past the limit either).
 */
export async function readJsonCapped(req: Request, limit: number): Promise<unknown> {
  const tooLarge = () => new IngestError(413, "payload_too_large", `The body is over the limit of ${limit.toLocaleString("en-US")} bytes (5 MiB)`);
  const body = await readBodyCapped(req, limit, tooLarge);
  if (body === "") throw new IngestError(400, "invalid_json", "The body must be JSON: {\"events\": [...]}");
  try {
    return JSON.parse(body);
  } catch {
    throw new IngestError(400, "invalid_json", "The body is not valid JSON");
  }
}
