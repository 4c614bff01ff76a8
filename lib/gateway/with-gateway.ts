import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db } from "@/db";
import type { ApiKey } from "@/db/schema";
import { requestNow } from "@/lib/api/clock";
import { env } from "@/lib/env";
import { AppError, errorEnvelope, internalErrorEnvelope } from "@/lib/errors";
import { KEY_PATTERN } from "@/lib/keys/hash";
import { keyState } from "@/lib/keys/lookup";
import type { CallRecord } from "@/lib/ledger/record-call";
import { invalidApiKey, keyExpired } from "./errors";
import { findKeyCached } from "./key-cache";
import { MODEL } from "./parse-request";
import { recordRejection } from "./settle";

export type GatewayContext = {
  req: Request;
  db: Db;
  key: ApiKey;
  /** Also the ledger's request_id of this call. */
  requestId: string;
  /** The request's clock (injectable on test servers): billing day and limits follow it. */
  now: Date;
  /** Wall-clock start, for latency. */
  startedMs: number;
};

export function newRequestId(): string {
  return `req_${randomUUID().replace(/-/g, "")}`;
}

/**
 * Wraps an OpenAI-compatible route: request id on every answer, the `cr_` key from
 * `Authorization: Bearer`, and one mapping of errors to the OpenAI envelope. Unknown errors
 * become a 500 that says nothing about the cause.
 */
export function withGateway(
  handler: (ctx: GatewayContext) => Promise<Response>,
  options: { recordRefusedKeys?: boolean } = {},
) {
  return withRequestId(async (req, requestId) => {
    const now = requestNow(req);
    const startedMs = Date.now();
    const db = getDb();
    const key = await authenticate(db, req);
    const state = keyState(key, now);
    if (state !== "active") {
      const refusal = state === "disabled" ? invalidApiKey("API key disabled") : keyExpired();
      // A known key's owner can still read its usage: the row tells them why calls fail.
      if (options.recordRefusedKeys) await recordRejection(db, refusedCall(key, requestId, now, startedMs, refusal));
      throw refusal;
    }
    return handler({ req, db, key, requestId, now, startedMs });
  });
}

function refusedCall(key: ApiKey, requestId: string, now: Date, startedMs: number, refusal: AppError): CallRecord {
  return {
    requestId,
    accountId: key.accountId,
    keyId: key.id,
    kind: "image",
    model: MODEL,
    createdAt: now,
    latencyMs: Date.now() - startedMs,
    region: env.REGION,
    imagesDelivered: 0,
    httpStatus: refusal.status,
    errorCode: refusal.code,
    costMicros: 0,
  };
}

/** Only the request id and the error envelope: for routes that check no key (the benchmark's bypass). */
export function withRequestId(handler: (req: Request, requestId: string) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const requestId = newRequestId();
    const headers = { "x-request-id": requestId, "cache-control": "no-store" };
    try {
      const res = await handler(req, requestId);
      for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
      return res;
    } catch (err) {
      return gatewayErrorResponse(err, headers);
    }
  };
}

export function gatewayErrorResponse(err: unknown, headers: Record<string, string>): Response {
  if (err instanceof AppError) {
    return Response.json(errorEnvelope(err), { status: err.status, headers: { ...headers, ...err.headers } });
  }
  console.error("[imgledger] gateway error", err instanceof Error ? err.stack : err);
  return Response.json(internalErrorEnvelope, { status: 500, headers });
}

/** The key `Authorization: Bearer cr_…` names, whatever its state; unknown or malformed: 401. */
async function authenticate(db: Db, req: Request): Promise<ApiKey> {
  const header = req.headers.get("authorization");
  if (!header) throw invalidApiKey("Missing API key: send the header `Authorization: Bearer cr_…`");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m || !KEY_PATTERN.test(m[1]!)) {
    throw invalidApiKey("Malformed API key: expected `Authorization: Bearer cr_` followed by at least 32 letters and digits");
  }
  const key = await findKeyCached(db, m[1]!);
  if (!key) throw invalidApiKey("Invalid API key");
  return key;
}
