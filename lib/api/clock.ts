import "server-only";
import { env } from "@/lib/env";

/** The request's clock: real time, or the `x-imgledger-now` header on test servers (TEST_CLOCK=on). */
export function requestNow(req: Request): Date {
  if (env.TEST_CLOCK) {
    const h = req.headers.get("x-imgledger-now");
    if (h && !Number.isNaN(Date.parse(h))) return new Date(h);
  }
  return new Date();
}
