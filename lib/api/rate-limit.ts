import "server-only";
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";

export { clientAddress } from "@/lib/http/client-address";

export type RequestRate = {
  /** Requests allowed per `durationS` window... */
  points: number;
  durationS: number;
  /** ...plus a burst pool of this many, refilled every `burstDurationS` (0: no burst). */
  burstPoints?: number;
  burstDurationS?: number;
};

/**
 * The app's one request-rate limiter (usage API, gateway), on `rate-limiter-flexible`: a steady
 * rate with an optional burst allowance (its BurstyRateLimiter, the library's token-bucket-like
 * composition). Counters live in this process's memory: a check costs no database round trip,
 * which is what lets a flood be refused cheaply; with several processes each counts its own
 * share (the store could be swapped for RateLimiterPostgres on the `rate_limits` table).
 * Expired entries are dropped by the library, so spoofed subjects cannot grow memory for long.
 */
export class RequestLimiter {
  private readonly limiter: { consume(key: string, points?: number): Promise<RateLimiterRes> };

  constructor(rate: RequestRate, name: string) {
    const steady = new RateLimiterMemory({ keyPrefix: name, points: rate.points, duration: rate.durationS });
    this.limiter = rate.burstPoints
      ? new BurstyRateLimiter(
          steady,
          new RateLimiterMemory({ keyPrefix: `${name}:burst`, points: rate.burstPoints, duration: rate.burstDurationS ?? 10 }),
        )
      : steady;
  }

  /** null when allowed; otherwise the whole seconds to wait (at least 1). */
  async take(subject: string): Promise<number | null> {
    try {
      await this.limiter.consume(subject, 1);
      return null;
    } catch (rej) {
      if (rej instanceof RateLimiterRes) return Math.max(1, Math.ceil(rej.msBeforeNext / 1000));
      throw rej;
    }
  }
}

/** 429 rate_limit_exceeded with Retry-After, in the one error shape. */
export function rateLimited(waitS: number): AppError {
  return new AppError(429, "rate_limit_error", "rate_limit_exceeded", `Too many requests: try again in ${waitS} s`, undefined, {
    "retry-after": String(waitS),
  });
}
