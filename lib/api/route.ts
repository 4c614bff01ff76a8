import "server-only";
import { getDb, type Db } from "@/db";
import { AppError, errorEnvelope, internalErrorEnvelope, invalidRequest } from "@/lib/errors";
import { API_ANSWER_HEADERS } from "@/lib/http/security-headers";
import { requestNow } from "./clock";
import { newRequestId } from "./request-id";

export { newRequestId };

/**
 * The core of the one route-wrapper family (gateway, key token, session, staff, ingest): every
 * answer gets its request id, `cache-control: no-store` and the API security headers
 * (lib/http/security-headers.ts), every thrown AppError becomes the one error shape
 * `{ error: { type, code, message, param? } }`, and anything else a 500 that leaks nothing
 * (logged with the request id). Each wrapper adds only how its caller is identified.
 */
export type RouteParams = Record<string, string | string[] | undefined>;

export type BaseContext = {
  req: Request;
  /** One id per request, on the answer's `x-request-id` (the gateway also uses it as the ledger's request_id). */
  requestId: string;
  /** The request's clock (injectable on test servers). */
  now: Date;
  db: Db;
  url: URL;
  params: RouteParams;
};

/** What Next passes a route handler as its second argument. */
export type NextRouteContext = { params?: Promise<RouteParams> };

export type RouteHandler = (req: Request, ctx?: NextRouteContext) => Promise<Response>;

/**
 * Builds a route handler: `identify` turns the base context into the caller's context (throwing
 * an AppError to refuse), `handler` answers. `headers` are added to every answer of this route.
 */
export function defineRoute<C>(
  identify: (base: BaseContext) => Promise<C>,
  handler: (ctx: C) => Promise<Response>,
  options: { headers?: Record<string, string> } = {},
): RouteHandler {
  return async (req, nextCtx) => {
    const requestId = newRequestId();
    const headers = {
      "x-request-id": requestId,
      ...API_ANSWER_HEADERS,
      ...options.headers,
    };
    try {
      assertOneAuthorization(req);
      const params = (await nextCtx?.params) ?? {};
      const base: BaseContext = { req, requestId, now: requestNow(req), db: getDb(), url: new URL(req.url), params };
      const res = await handler(await identify(base));
      for (const [k, v] of Object.entries(headers)) if (!res.headers.has(k)) res.headers.set(k, v);
      return res;
    } catch (err) {
      return errorResponse(err, requestId, headers);
    }
  };
}

/**
 * Several Authorization headers reach a handler joined by ", " (a proxy or client that merges
 * them): refused by name rather than letting one of them win. No credential this app accepts
 * (a bearer token) contains a comma.
 */
function assertOneAuthorization(req: Request): void {
  if (req.headers.get("authorization")?.includes(",")) {
    throw invalidRequest("Send one Authorization header: this request carries several", "Authorization");
  }
}

/** The one mapping of a thrown error to an answer. */
export function errorResponse(err: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  if (err instanceof AppError) {
    return Response.json(errorEnvelope(err), { status: err.status, headers: { ...headers, ...err.headers } });
  }
  console.error(`[imgledger] ${requestId} failed`, logged(err));
  return Response.json(internalErrorEnvelope, { status: 500, headers });
}

/**
 * What the log keeps of an unexpected error. A failed query's own message carries its whole SQL
 * and parameters (ids, key hashes): log the database's error under it instead.
 */
function logged(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const failedQuery = err.message.startsWith("Failed query:") && err.cause instanceof Error;
  return failedQuery ? `query failed: ${(err.cause as Error).stack ?? (err.cause as Error).message}` : err.stack;
}
