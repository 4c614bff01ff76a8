import "server-only";

/**
 * Fixed-window limiter per client address, in process memory. One server process is the
 * deployment unit today; several would share a store (e.g. a Postgres table) instead.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** null when allowed; otherwise the seconds to wait. */
  take(client: string, now = Date.now()): number | null {
    if (this.windows.size > 10_000) this.sweep(now);
    const w = this.windows.get(client);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(client, { start: now, count: 1 });
      return null;
    }
    if (w.count < this.limit) {
      w.count += 1;
      return null;
    }
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/**
 * The caller's address. Next's server fills x-forwarded-for with the socket address when the
 * request has none; behind a proxy, the proxy must overwrite it (nginx: `$remote_addr`).
 */
export function clientAddress(req: Request): string {
  const xff = req.headers.get("x-forwarded-for");
  const first = xff?.split(",")[0]?.trim();
  return first || req.headers.get("x-real-ip") || "unknown";
}
