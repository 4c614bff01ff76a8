import "server-only";

/**
 * Fixed-window limiter in process memory. One server process is the deployment unit today;
 * several would share a store (e.g. a Postgres table) instead. At most `maxClients` windows are
 * kept: past that the oldest go first, so spoofed client names cannot grow memory without bound.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly maxClients = 50_000,
  ) {}

  /** null when allowed; otherwise the seconds to wait. */
  take(client: string, now = Date.now()): number | null {
    if (this.windows.size >= this.maxClients) this.sweep(now);
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

  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    // Map order is insertion order: drop the oldest windows until a tenth is free.
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxClients * 0.9) break;
      this.windows.delete(k);
    }
  }
}

/**
 * The caller's address. Next's server fills x-forwarded-for with the socket address only when
 * the request has none, so a client can name itself: behind a proxy, the proxy must overwrite
 * the header (nginx: `proxy_set_header X-Forwarded-For $remote_addr`). The usage API therefore
 * also limits per token, which a client cannot make up.
 */
export function clientAddress(req: Request): string {
  const xff = req.headers.get("x-forwarded-for");
  const first = xff?.split(",")[0]?.trim();
  return first || req.headers.get("x-real-ip") || "unknown";
}
