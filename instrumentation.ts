import type { IncomingMessage } from "node:http";

type AddHeaderLine = (this: IncomingMessage, field: string, value: string, dest: Record<string, unknown>) => void;

/**
 * Runs once as the server starts, before it takes requests. Node keeps only the first of several
 * `Authorization` header lines and silently drops the rest, so `curl -H … -H …` would be decided
 * by whichever came first. Joined the way RFC 9110 joins repeated fields, the route core sees
 * them all and refuses the request by name (lib/api/route.ts).
 */
export async function register() {
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
