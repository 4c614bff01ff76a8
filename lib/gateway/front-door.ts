import "server-only";
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
 * the other customers by volume. At most MAX_PAUSED answers wait at once; beyond that, at once.
 *
 * `next start` owns the HTTP server and has no hook before routing; Node announces each request,
 * with its server, on the `http.server.request.start` diagnostics channel before any `request`
 * listener runs, so the first announcement puts the front door in front of the server's
 * listener (Next's). Installed from instrumentation.ts, which runs before the first request.
 */
type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

const FRONT = Symbol.for("imgledger.frontDoor");
const g = globalThis as unknown as { imgledgerFrontDoor?: boolean };

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

/** Passes the request on, or answers 429 itself. */
export function admit(req: IncomingMessage, res: ServerResponse, pass: () => void): void {
  if (!isGatewayPath(pathOf(req.url ?? ""))) return pass();
  const forwarded = req.headers["x-forwarded-for"];
  const address = addressOf(req.socket.remoteAddress ?? "", Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""));
  const wait = addressWait(address, nowFromHeader(req.headers[CLOCK_HEADER]));
  if (wait === null) return pass();
  if (typeof wait === "number") return refuseAfterPause(res, wait);
  wait.then(
    (w) => (w === null ? pass() : refuse(res, w)),
    // The in-memory limiter does not fail; if it ever did, the route decides.
    () => pass(),
  );
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

/** The answer's fixed headers, flat (writeHead's fastest form), and its bodies by wait. */
const FIXED_HEADERS = Object.entries({ ...API_ANSWER_HEADERS, ...GATEWAY_CORS_HEADERS, "content-type": "application/json" }).flat();
const bodies = new Map<number, string>();

const MAX_PAUSED = 5_000;
let paused = 0;

function refuseAfterPause(res: ServerResponse, waitS: number): void {
  if (env.GATEWAY_REFUSAL_PAUSE_MS === 0 || paused >= MAX_PAUSED) return refuse(res, waitS);
  paused++;
  setTimeout(() => {
    paused--;
    refuse(res, waitS);
  }, env.GATEWAY_REFUSAL_PAUSE_MS).unref();
}

function refuse(res: ServerResponse, waitS: number): void {
  if (res.destroyed) return;
  let body = bodies.get(waitS);
  if (body === undefined) {
    body = JSON.stringify(errorEnvelope(rateLimited(waitS)));
    if (bodies.size < 64) bodies.set(waitS, body);
  }
  res.writeHead(429, [...FIXED_HEADERS, "x-request-id", newRequestId(), "retry-after", String(waitS), "content-length", String(Buffer.byteLength(body))]);
  res.end(body);
}
