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
  /**
   * Subjects refused, and until when (epoch ms): asked again before then, they are refused from
   * this map alone, synchronously, so a flood's requests cost a lookup rather than a round of
   * the library's promises. The library would refuse them too (the window they exhausted has
   * not ended), so the answer is the same. Expired entries go as they are met and on each sweep.
   */
  private readonly refusedUntil = new Map<string, number>();
  private nextSweepMs = 0;

  constructor(rate: RequestRate, name: string) {
    const steady = new RateLimiterMemory({ keyPrefix: name, points: rate.points, duration: rate.durationS });
    this.limiter = rate.burstPoints
      ? new BurstyRateLimiter(
          steady,
          new RateLimiterMemory({ keyPrefix: `${name}:burst`, points: rate.burstPoints, duration: rate.burstDurationS ?? 10 }),
        )
      : steady;
  }

  /**
   * null when allowed; otherwise the whole seconds to wait (at least 1). A subject already
   * refused gets its answer synchronously (a number, not a promise). `nowMs` is for tests: the
   * library keeps real time, so callers pass nothing.
   */
  take(subject: string, nowMs = Date.now()): number | null | Promise<number | null> {
    const until = this.refusedUntil.get(subject);
    if (until !== undefined) {
      if (until > nowMs) return waitSeconds(until - nowMs);
      this.refusedUntil.delete(subject);
    }
    return this.limiter.consume(subject, 1).then(
      () => null,
      (rej: unknown) => {
        if (!(rej instanceof RateLimiterRes)) throw rej;
        this.remember(subject, nowMs, rej.msBeforeNext);
        return waitSeconds(rej.msBeforeNext);
      },
    );
  }

  private remember(subject: string, nowMs: number, msBeforeNext: number): void {
    if (nowMs >= this.nextSweepMs) {
      for (const [s, until] of this.refusedUntil) if (until <= nowMs) this.refusedUntil.delete(s);
      this.nextSweepMs = nowMs + 10_000;
    }
    this.refusedUntil.set(subject, nowMs + msBeforeNext);
  }
}

function waitSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** 429 rate_limit_exceeded with Retry-After, in the one error shape. */
export function rateLimited(waitS: number): AppError {
  return new AppError(429, "rate_limit_error", "rate_limit_exceeded", `Too many requests: try again in ${waitS} s`, undefined, {
    "retry-after": String(waitS),
  });
}
