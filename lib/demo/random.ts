import "server-only";
import { createHash, createHmac } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * A small seeded PRNG (sfc32) so the demo data is the same for the same seed on every machine
 * and Node version; Math.random cannot be seeded.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, stream: string) {
    const h = createHash("sha256").update(`${seed}\u0000${stream}`).digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of `items` with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Poisson-ish count around `mean` (normal approximation, never negative). */
  count(mean: number): number {
    const u = Math.max(1e-12, this.next());
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }

  hex(chars: number): string {
    let out = "";
    while (out.length < chars) out += Math.floor(this.next() * 0x10000).toString(16).padStart(4, "0");
    return out.slice(0, chars);
  }
}

/**
 * `length` base62 characters from HMAC-SHA256(seed, label), unbiased (bytes ≥ 248 are skipped,
 * more blocks are drawn as needed). Demo keys and passwords come from here, so they are stable
 * for a seed and differ between seeds.
 */
export function derivedBase62(seed: string, label: string, length: number): string {
  let out = "";
  for (let block = 0; out.length < length; block++) {
    const bytes = createHmac("sha256", seed).update(`${label}#${block}`).digest();
    for (const byte of bytes) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
