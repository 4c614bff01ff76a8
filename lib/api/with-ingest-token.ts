import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBodyCapped } from "@/lib/http/read-body-capped";
import { defineRoute, type BaseContext } from "./route";

/** An ingest refusal, in the app's one error shape. */
export class IngestError extends AppError {
  constructor(status: number, code: string, message: string) {
    super(status, status === 401 ? "authentication_error" : status >= 500 ? "server_error" : "invalid_request_error", code, message);
  }
}

export type IngestContext = BaseContext;

/** Wraps the service-to-service ingest route: the `INGEST_TOKEN` bearer, compared in constant time. */
export function withIngestToken(handler: (ctx: IngestContext) => Promise<Response>) {
  return defineRoute(async (base): Promise<IngestContext> => {
    if (!env.INGEST_TOKEN) {
      throw new IngestError(503, "ingest_not_configured", "Ingest is not configured on this server: set INGEST_TOKEN to enable it");
    }
    const m = /^Bearer\s+(\S+)$/i.exec(base.req.headers.get("authorization") ?? "");
    if (!m || !sameSecret(m[1]!, env.INGEST_TOKEN)) {
      throw new IngestError(401, "invalid_ingest_token", "Send `Authorization: Bearer <INGEST_TOKEN>`");
    }
    return base;
  }, handler);
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
