import "server-only";
import { PNG } from "pngjs";
import { GLYPH_HEIGHT, GLYPH_WIDTH, GLYPHS, toFontText } from "./bitmap-font";
import type { ImageRequest } from "./parse-request";
import type { GeneratedImages } from "./upstream";
import { LOCAL_ENGINE_USAGE } from "@/lib/usage/types";

/**
 * The built-in engine used when no upstream is configured: real PNGs of the requested size, a
 * gradient in colours derived from the prompt, and a visible "LOCAL PREVIEW" label so nobody
 * mistakes them for model output. Encoded images are cached, so at zero delay the engine costs
 * a cache lookup and the gateway's own overhead can be measured.
 */
export const LOCAL_ENGINE_NOTE = "[local preview engine: no upstream image provider is configured]";

const HUES = 24;
const CACHE_ENTRIES = 64;
const cache = new Map<string, string>();

export async function generateLocal(
  req: Pick<ImageRequest, "prompt" | "size" | "quality" | "n">,
  opts: { delayMs: number; signal?: AbortSignal },
): Promise<GeneratedImages> {
  if (opts.delayMs > 0) await sleep(opts.delayMs, opts.signal);
  opts.signal?.throwIfAborted();
  const [width, height] = req.size.split("x").map(Number) as [number, number];
  const base = promptHash(req.prompt);
  const promptLine = toFontText(req.prompt.replace(/\s+/g, " ").trim()).slice(0, 40);
  const revised = `${LOCAL_ENGINE_NOTE} ${req.prompt}`;
  const data = Array.from({ length: req.n }, (_, i) => ({
    b64_json: cachedPng(width, height, (base + i * 7) % HUES, [
      `${req.size.toUpperCase()}  ${req.quality.toUpperCase()}  ${i + 1}/${req.n}`,
      promptLine,
    ]),
    revised_prompt: revised,
  }));
  // The ledger keeps this mark: the call list and the CSV show such images as "demo engine".
  return { data, usage: LOCAL_ENGINE_USAGE };
}

function cachedPng(width: number, height: number, hue: number, lines: string[]): string {
  const key = `${width}x${height}|${hue}|${lines.join("\n")}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const b64 = renderPng(width, height, hue, lines).toString("base64");
  cache.set(key, b64);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return b64;
}

/** Renders one preview image: a vertical gradient, a dark band with the label, two text lines. */
export function renderPng(width: number, height: number, hueStep: number, lines: string[]): Buffer {
  const hue = (hueStep * 360) / HUES;
  const top = hsl(hue, 0.6, 0.58);
  const bottom = hsl((hue + 50) % 360, 0.65, 0.28);
  const title = "LOCAL PREVIEW";
  const titleScale = Math.max(2, Math.floor((width * 0.8) / (title.length * (GLYPH_WIDTH + 1))));
  const small = Math.max(2, Math.floor(titleScale / 3));
  const scales = lines.map((line) =>
    Math.min(small, Math.floor((width * 0.92) / Math.max(1, line.length * (GLYPH_WIDTH + 1)))),
  );
  const contentHeight =
    (GLYPH_HEIGHT + 4) * titleScale + scales.reduce((sum, sc) => sum + (sc > 0 ? (GLYPH_HEIGHT + 3) * sc : 0), 0);
  const pad = titleScale * 3;
  const bandTop = Math.max(0, Math.round((height - contentHeight) / 2) - pad);
  const bandBottom = Math.min(height, bandTop + contentHeight + 2 * pad);

  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = y / (height - 1);
    const shade = y >= bandTop && y < bandBottom ? 0.45 : 1;
    const r = Math.round((top[0] + (bottom[0] - top[0]) * t) * shade);
    const g = Math.round((top[1] + (bottom[1] - top[1]) * t) * shade);
    const b = Math.round((top[2] + (bottom[2] - top[2]) * t) * shade);
    const row = y * width * 3;
    for (let x = 0; x < width * 3; x += 3) {
      data[row + x] = r;
      data[row + x + 1] = g;
      data[row + x + 2] = b;
    }
  }
  let y = bandTop + pad;
  drawText(data, width, height, title, y, titleScale);
  y += (GLYPH_HEIGHT + 4) * titleScale;
  lines.forEach((line, i) => {
    const scale = scales[i]!;
    if (scale < 1) return;
    drawText(data, width, height, line, y, scale);
    y += (GLYPH_HEIGHT + 3) * scale;
  });
  // Filter "sub" turns each gradient row into zeros, so the deflated file stays small.
  return PNG.sync.write({ width, height, data } as PNG, {
    colorType: 2,
    inputColorType: 2,
    inputHasAlpha: false,
    filterType: 1,
    deflateLevel: 6,
  });
}

/** White text, centred horizontally, its top at `top`. */
function drawText(data: Buffer, width: number, height: number, text: string, top: number, scale: number) {
  const advance = (GLYPH_WIDTH + 1) * scale;
  let left = Math.round((width - text.length * advance + scale) / 2);
  for (const ch of text) {
    const glyph = GLYPHS[ch];
    if (glyph) {
      for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
        const bits = glyph[gy]!;
        for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
          if (!(bits & (1 << (GLYPH_WIDTH - 1 - gx)))) continue;
          fillRect(data, width, height, left + gx * scale, top + gy * scale, scale);
        }
      }
    }
    left += advance;
  }
}

function fillRect(data: Buffer, width: number, height: number, x0: number, y0: number, size: number) {
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + size); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + size); x++) {
      const i = (y * width + x) * 3;
      data[i] = 255;
      data[i + 1] = 255;
      data[i + 2] = 255;
    }
  }
}

/** FNV-1a of the prompt, folded onto the hue wheel: the same prompt always gets the same colours. */
function promptHash(prompt: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < prompt.length; i++) {
    h ^= prompt.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % HUES;
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
