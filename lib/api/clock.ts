import "server-only";
import { env } from "@/lib/env";

/** The request's clock: real time, or the `x-imgledger-now` header on test servers (TEST_CLOCK=on). */
export function requestNow(req: Request): Date {
  return nowFromHeader(req.headers.get(CLOCK_HEADER));
}

export const CLOCK_HEADER = "x-imgledger-now";

/** The same from the header's value (for the HTTP server's front door, which has no web Request). */
export function nowFromHeader(value: string | string[] | null | undefined): Date {
  if (env.TEST_CLOCK && typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value);
  return new Date();
}
