/** The choices the playground offers, with the reference's numbers. Client-safe. */
export const PLAYGROUND_SIZES = ["1024x1024", "1024x1536", "1536x1024"] as const;
export const PLAYGROUND_QUALITIES = ["low", "medium", "high"] as const;
export const N_CHOICES = [1, 2, 3, 4] as const;

export type PlaygroundSize = (typeof PLAYGROUND_SIZES)[number];
export type PlaygroundQuality = (typeof PLAYGROUND_QUALITIES)[number];

export const MAX_PROMPT_CHARS = 32_000;
/** The reference: "if you use an AbortController, give it at least 180 s". */
export const CLIENT_TIMEOUT_MS = 180_000;

/** Latency table of the reference, seconds. */
export const LATENCY: Record<PlaygroundQuality, { typical: string; typicalMaxS: number; p99: string }> = {
  low: { typical: "20–35", typicalMaxS: 35, p99: "~50" },
  medium: { typical: "50–90", typicalMaxS: 90, p99: "~120" },
  high: { typical: "70–120", typicalMaxS: 120, p99: "~150" },
};

export const SIZE_SHAPE: Record<PlaygroundSize, "sizeSquare" | "sizePortrait" | "sizeLandscape"> = {
  "1024x1024": "sizeSquare",
  "1024x1536": "sizePortrait",
  "1536x1024": "sizeLandscape",
};

export function sizeDims(size: PlaygroundSize): { width: number; height: number } {
  const [w, h] = size.split("x").map(Number);
  return { width: w ?? 1024, height: h ?? 1024 };
}

export const SAMPLE_PROMPTS = {
  en: 'A vintage poster in Bauhaus style, bold black text "MORNING COFFEE" centered, warm orange and cream color palette, geometric shapes, slightly textured paper background',
  zh: "一张包豪斯风格的复古海报，中央是醒目的黑色标题“早安咖啡 MORNING COFFEE”，暖橙色与奶油色配色，几何图形，略带纹理的纸张背景",
} as const;

/** What the API reference examples show in place of a key. */
export const KEY_PLACEHOLDER = "cr_YOUR_QCODE_API_KEY";
