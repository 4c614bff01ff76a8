import "server-only";
import { subscribe } from "node:diagnostics_channel";

/**
 * The header that carries the TCP peer's address into route handlers. Next's route handlers see
 * a web Request with no socket, and `next start` fills `x-forwarded-for` with the socket address
 * only when the request has none (`??=` in its base server), so a client that sends its own
 * X-Forwarded-For hides its real address. Node announces every incoming request on the
 * `http.server.request.start` diagnostics channel, with its socket, before any listener runs:
 * there the header is set from the socket, overwriting whatever the client sent.
 */
export const PEER_HEADER = "x-imgledger-peer-address";

const g = globalThis as unknown as { imgledgerPeerAddress?: boolean };

export function recordPeerAddresses(): void {
  if (g.imgledgerPeerAddress) return;
  g.imgledgerPeerAddress = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as {
      request: { headers: Record<string, string | string[] | undefined> };
      socket: { remoteAddress?: string };
    };
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
  });
}
