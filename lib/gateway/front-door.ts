import "server-only";
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { CLOCK_HEADER, nowFromHeader } from "@/lib/api/clock";
import { rateLimited } from "@/lib/api/rate-limit";
import { newRequestId } from "@/lib/api/request-id";
import { env } from "@/lib/env";
import { errorEnvelope } from "@/lib/errors";
import { addressOf } from "@/lib/http/client-address";
import { API_ANSWER_HEADERS, GATEWAY_CORS_HEADERS, isGatewayPath } from "@/lib/http/security-headers";
import { addressWait } from "./throttle";

/**
 * The gateway's front door: the per-address request rate, decided as the HTTP server receives a
 * request under `/qcode-img/v1`, before Next routes it. A refused request is answered here (429
 * rate_limit_exceeded, Retry-After, the one error shape, the headers every gateway answer
 * carries), for the cost of an HTTP parse and a map lookup, counted in aggregate
 * (./throttle.ts). Inside a route handler the same refusal cost a whole Next route (about a
 * millisecond of the one event loop), so a flood from one address slowed everyone's calls.
 *
 * A client that keeps sending while told to wait (its address already refused, Retry-After not
 * yet over) gets each further 429 GATEWAY_REFUSAL_PAUSE_MS later: a client that respects
 * Retry-After never meets the pause, and one that does not can make a connection refuse at most
 * ten requests a second instead of thousands, so one address cannot take the event loop from
 * the other customers by volume (see refuseAfterPause).
 *
 * `next start` owns the HTTP server and has no hook before routing; Node announces each request,
 * with its server, on the `http.server.request.start` diagnostics channel before any `request`
 * listener runs, so the first announcement puts the front door in front of the server's
 * listener (Next's). Installed from instrumentation.ts, which runs before the first request.
 */
type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

const FRONT = Symbol.for("imgledger.frontDoor");
const g = globalThis as unknown as { imgledgerFrontDoor?: boolean; imgledgerFrontDoorToken?: string };

/**
 * The header the front door puts on every gateway request it let through, with a secret of this
 * process (it removes any the client sent): a gateway route that finds it missing (a request that
 * came before the front door was in place, or one it did not take for a gateway request) checks
 * the address's rate itself (`admittedByFrontDoor`, used by withGateway).
 */
const ADMITTED_HEADER = "x-imgledger-front-door";
const admittedToken = () => (g.imgledgerFrontDoorToken ??= randomBytes(16).toString("hex"));

export function installFrontDoor(): void {
  if (g.imgledgerFrontDoor) return;
  g.imgledgerFrontDoor = true;
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server?: Server & { [FRONT]?: true } };
    if (server && !server[FRONT]) putInFront(server);
  });
}

function putInFront(server: Server & { [FRONT]?: true }): void {
  server[FRONT] = true;
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    admit(req, res, () => {
      for (const listener of listeners) listener.call(server, req, res);
    });
  });
}

/** Whether the front door already checked this gateway request's address. */
export function admittedByFrontDoor(req: Request): boolean {
  return req.headers.get(ADMITTED_HEADER) === admittedToken();
}

/** Passes the request on, or answers 429 itself. */
export function admit(req: IncomingMessage, res: ServerResponse, pass: () => void): void {
  delete req.headers[ADMITTED_HEADER];
  // Preflights are answered by proxy.ts: a 429 there would reach a browser as a bare CORS failure.
  if (req.method === "OPTIONS" || !isGatewayRequest(req.url ?? "")) return pass();
  const forwarded = req.headers["x-forwarded-for"];
  const address = addressOf(req.socket.remoteAddress ?? "", Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""));
  const admitted = () => {
    req.headers[ADMITTED_HEADER] = admittedToken();
    pass();
  };
  const wait = addressWait(address, nowFromHeader(req.headers[CLOCK_HEADER]));
  if (wait === null) return admitted();
  if (typeof wait === "number") return refuseAfterPause(req, res, wait);
  wait
    .then(
      (w) => (w === null ? admitted() : refuse(req, res, w)),
      // The in-memory limiter does not fail; if it ever did, the route decides (it checks again).
      () => pass(),
    )
    .catch((err: unknown) => {
      console.error("[imgledger] front door failed", err instanceof Error ? err.message : err);
      res.destroy();
    });
}

/**
 * Whether Next would route this request target under `/qcode-img/v1`: the path as Next reads it
 * (dot segments resolved, an absolute-form target reduced to its path), raw or percent-decoded.
 * A target that cannot be parsed is counted too.
 */
function isGatewayRequest(target: string): boolean {
  let pathname: string;
  try {
    pathname = new URL(target, "http://n").pathname;
  } catch {
    return true;
  }
  if (isGatewayPath(pathname)) return true;
  try {
    return isGatewayPath(decodeURIComponent(pathname));
  } catch {
    return false;
  }
}

/**
 * The 429 for a wait of `waitS` seconds, built once per wait from the route core's pieces: its
 * body and every header but the request id, flat (writeHead's fastest form).
 */
const answers = new Map<number, { body: string; headers: string[] }>();
function answerFor(waitS: number): { body: string; headers: string[] } {
  let answer = answers.get(waitS);
  if (answer === undefined) {
    const err = rateLimited(waitS);
    const body = JSON.stringify(errorEnvelope(err));
    const headers = { ...API_ANSWER_HEADERS, ...GATEWAY_CORS_HEADERS, ...err.headers, "content-type": "application/json" };
    answer = { body, headers: [...Object.entries(headers).flat(), "content-length", String(Buffer.byteLength(body))] };
    if (answers.size < 64) answers.set(waitS, answer);
  }
  return answer;
}

/** Paused answers at once, across connections; and per connection (pipelined requests). */
const MAX_PAUSED = 5_000;
const MAX_PAUSED_PER_CONNECTION = 8;
let paused = 0;
const connections = new WeakMap<object, { freeAt: number; waiting: number }>();

/**
 * The answer to a client that keeps sending while told to wait. A connection's paused answers go
 * out one pause apart (pipelined requests included), so one connection gets at most
 * 1000 / GATEWAY_REFUSAL_PAUSE_MS of them a second; a connection with MAX_PAUSED_PER_CONNECTION
 * answers already waiting is closed.
 */
function refuseAfterPause(req: IncomingMessage, res: ServerResponse, waitS: number): void {
  const pause = env.GATEWAY_REFUSAL_PAUSE_MS;
  if (pause === 0 || paused >= MAX_PAUSED) return refuse(req, res, waitS);
  const now = Date.now();
  const c = connections.get(req.socket) ?? { freeAt: 0, waiting: 0 };
  if (c.waiting >= MAX_PAUSED_PER_CONNECTION) {
    req.socket.destroy();
    return;
  }
  const at = Math.max(now, c.freeAt) + pause;
  c.freeAt = at;
  c.waiting++;
  connections.set(req.socket, c);
  paused++;
  setTimeout(() => {
    paused--;
    c.waiting--;
    refuse(req, res, waitS);
  }, at - now).unref();
}

function refuse(req: IncomingMessage, res: ServerResponse, waitS: number): void {
  if (req.socket.destroyed || res.destroyed) return;
  const { body, headers } = answerFor(waitS);
  res.writeHead(429, [...headers, "x-request-id", newRequestId()]);
  res.end(body);
}
