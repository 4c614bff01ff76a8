import "server-only";
import type { Db } from "@/db";
import type { ApiKey } from "@/db/schema";
import { defineRoute, type BaseContext } from "@/lib/api/route";
import { env } from "@/lib/env";
import type { AppError } from "@/lib/errors";
import { GATEWAY_CORS_HEADERS } from "@/lib/http/security-headers";
import { KEY_PATTERN } from "@/lib/keys/hash";
import { keyState } from "@/lib/keys/lookup";
import type { CallRecord } from "@/lib/ledger/record-call";
import { invalidApiKey, keyExpired, unsupportedMediaType } from "./errors";
import { findKeyCached } from "./key-cache";
import { MODEL } from "./parse-request";
import { recordRejection } from "./settle";
import { admittedByFrontDoor } from "./front-door";
import { throttleAddress, throttleKey } from "./throttle";

export type GatewayContext = BaseContext & {
  key: ApiKey;
  /** Wall-clock start, for latency. */
  startedMs: number;
};

/**
 * Wraps an OpenAI-compatible route: the `cr_` key from `Authorization: Bearer`; errors in the
 * OpenAI envelope (the app's one error shape). The request id is also the ledger's request_id.
 */
export function withGateway(
  handler: (ctx: GatewayContext) => Promise<Response>,
  options: { recordRefusedKeys?: boolean; jsonBody?: boolean } = {},
) {
  return defineRoute(async (base): Promise<GatewayContext> => {
    const startedMs = Date.now();
    // Request rates first, so a flood costs neither a key lookup nor a ledger row. The address's
    // is normally checked at the front door (./front-door.ts), before Next routed the request.
    if (!admittedByFrontDoor(base.req)) await throttleAddress(base.req, base.now);
    const key = await authenticate(base.db, base.req);
    await throttleKey(key, base.now);
    const refusal = refusalOf(keyState(key, base.now), options.jsonBody === true && !isJson(base.req));
    if (refusal) {
      // A known key's owner can still read its usage: the row tells them why calls fail.
      if (options.recordRefusedKeys) await recordRejection(base.db, refusedCall(key, base.requestId, base.now, startedMs, refusal));
      throw refusal;
    }
    return { ...base, key, startedMs };
  }, handler, { headers: GATEWAY_CORS_HEADERS });
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

/** Why a known key's call is refused before any work, or null. */
function refusalOf(state: ReturnType<typeof keyState>, notJson: boolean): AppError | null {
  if (state === "disabled") return invalidApiKey("API key disabled");
  if (state === "expired") return keyExpired();
  if (notJson) return unsupportedMediaType();
  return null;
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
function isJson(req: Request): boolean {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/** Only the request id and the error envelope: for routes that check no key (the benchmark's bypass). */
export function withRequestId(handler: (req: Request, requestId: string) => Promise<Response>) {
  return defineRoute(async (base) => base, (ctx) => handler(ctx.req, ctx.requestId), { headers: GATEWAY_CORS_HEADERS });
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
