import type { IncomingMessage } from "node:http";

type AddHeaderLine = (this: IncomingMessage, field: string, value: string, dest: Record<string, unknown>) => void;

/**
 * Runs once as the server starts, before it takes requests (NEXT_RUNTIME is Next's own
 * build-time switch, the documented way to keep Node-only code out of the Edge bundle).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A production server without its session secret stops here with a clear message instead of
  // failing on the first sign-in.
  const { requireServerEnv } = await import("./lib/env");
  try {
    requireServerEnv();
  } catch (err) {
    console.error(`[imgledger] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  await joinRepeatedAuthorization();
  // Each request's TCP peer address, in a header route handlers can read (lib/http/peer-address.ts).
  const { recordPeerAddresses } = await import("./lib/http/peer-address");
  recordPeerAddresses();
  // The gateway's per-address rate, decided before Next routes a request (lib/gateway/front-door.ts).
  const { installFrontDoor } = await import("./lib/gateway/front-door");
  installFrontDoor();
}

/**
 * Node keeps only the first of several `Authorization` header lines and silently drops the rest,
 * so `curl -H … -H …` would be decided by whichever came first. Joined the way RFC 9110 joins
 * repeated fields, the route core sees them all and refuses the request by name (lib/api/route.ts).
 */
async function joinRepeatedAuthorization() {
  const { IncomingMessage } = await import("node:http");
  const proto = IncomingMessage.prototype as unknown as { _addHeaderLine?: AddHeaderLine & { joinsAuthorization?: true } };
  const original = proto._addHeaderLine;
  if (!original || original.joinsAuthorization) return;
  const joining: AddHeaderLine & { joinsAuthorization?: true } = function (field, value, dest) {
    if (typeof dest.authorization === "string" && field.toLowerCase() === "authorization") {
      dest.authorization = `${dest.authorization}, ${value}`;
      return;
    }
    original.call(this, field, value, dest);
  };
  joining.joinsAuthorization = true;
  proto._addHeaderLine = joining;
}
