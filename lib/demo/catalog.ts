import "server-only";

/**
 * Who is in the demo and how each key behaves. Volumes are mean calls per weekday at full
 * activity; weekends run at about 60 %. Together they make roughly 50,000 calls in 45 days.
 */
export type DemoKeySpec = {
  account: string;
  alias: string;
  /** Mean image calls per weekday. */
  imageCalls: number;
  /** Mean chat calls per weekday. */
  chatCalls: number;
  dailyImageCap: number;
  concurrencyCap: number;
  dailyCostLimitUsd?: number;
  totalCostLimitUsd?: number;
  /** Relative weights of low / medium / high. */
  quality: [number, number, number];
  /** Share of calls asking for 2048x2048: the gateway refuses them (422 unsupported_size). */
  share2048: number;
  regions: string[];
  chinesePrompts: number;
  promptPreview: boolean;
  status: "active" | "disabled";
  /** Days before today the key expired (it keeps being tried for a while). */
  expiredDaysAgo?: number;
  /** Days before today the key was disabled (a CI job keeps trying it). */
  disabledDaysAgo?: number;
  /** Stop today's image calls at exactly this many delivered images. */
  imagesToday?: number;
  note?: string;
};

export type DemoAccountSpec = { name: string; currency: "USD" | "CNY"; login: string };

export const DEMO_ACCOUNTS: DemoAccountSpec[] = [
  { name: "Acme Studio", currency: "USD", login: "ops@acme.test" },
  { name: "Lumen Labs", currency: "USD", login: "ops@lumen.test" },
  { name: "杭州像素工坊 Pixel Works", currency: "CNY", login: "ops@pixelworks.test" },
  { name: "Northwind Print", currency: "USD", login: "ops@northwind.test" },
];

export const DEMO_STAFF = [
  { email: "support@imgledger.test", role: "support" as const, name: "Sam Support" },
  { email: "admin@imgledger.test", role: "admin" as const, name: "Ada Admin" },
];

const [ACME, LUMEN, PIXEL, NORTHWIND] = DEMO_ACCOUNTS.map((a) => a.name) as [string, string, string, string];

export const DEMO_KEYS: DemoKeySpec[] = [
  {
    account: ACME, alias: "prod", imageCalls: 285, chatCalls: 125, dailyImageCap: 600, concurrencyCap: 4,
    dailyCostLimitUsd: 60, quality: [5, 3, 2], share2048: 0.01, regions: ["hk", "jp", "us"],
    chinesePrompts: 0.15, promptPreview: true, status: "active", note: "busy key, 600 images/day",
  },
  {
    account: ACME, alias: "staging", imageCalls: 32, chatCalls: 16, dailyImageCap: 100, concurrencyCap: 2,
    quality: [8, 2, 0.5], share2048: 0, regions: ["hk"], chinesePrompts: 0.1, promptPreview: true, status: "active",
  },
  {
    account: ACME, alias: "ci", imageCalls: 18, chatCalls: 8, dailyImageCap: 100, concurrencyCap: 2,
    quality: [1, 0, 0], share2048: 0, regions: ["us"], chinesePrompts: 0, promptPreview: true, status: "disabled",
    disabledDaysAgo: 6, note: "disabled",
  },
  {
    account: LUMEN, alias: "web", imageCalls: 70, chatCalls: 40, dailyImageCap: 100, concurrencyCap: 2,
    quality: [5, 4, 1], share2048: 0, regions: ["eu"], chinesePrompts: 0.05, promptPreview: true, status: "active",
    imagesToday: 93, note: "93 / 100 images today",
  },
  {
    account: LUMEN, alias: "batch", imageCalls: 300, chatCalls: 55, dailyImageCap: 1000, concurrencyCap: 8,
    dailyCostLimitUsd: 60, quality: [2, 3, 5], share2048: 0.06, regions: ["eu", "us"], chinesePrompts: 0,
    promptPreview: true, status: "active", note: "daily cost limit $60",
  },
  {
    account: LUMEN, alias: "legacy", imageCalls: 26, chatCalls: 13, dailyImageCap: 100, concurrencyCap: 2,
    quality: [6, 3, 1], share2048: 0, regions: ["eu"], chinesePrompts: 0, promptPreview: true, status: "active",
    expiredDaysAgo: 12, note: "expired",
  },
  {
    account: PIXEL, alias: "app", imageCalls: 195, chatCalls: 95, dailyImageCap: 400, concurrencyCap: 3,
    quality: [5, 4, 1], share2048: 0.02, regions: ["sz", "hk"], chinesePrompts: 0.75, promptPreview: true,
    status: "active", note: "settles in CNY",
  },
  {
    account: PIXEL, alias: "marketing", imageCalls: 45, chatCalls: 18, dailyImageCap: 100, concurrencyCap: 2,
    totalCostLimitUsd: 150, quality: [2, 3, 5], share2048: 0.03, regions: ["sz"], chinesePrompts: 0.85,
    promptPreview: true, status: "active", note: "total cost limit $150 reached",
  },
  {
    account: NORTHWIND, alias: "posters", imageCalls: 16, chatCalls: 6, dailyImageCap: 100, concurrencyCap: 2,
    quality: [1, 2, 6], share2048: 0.05, regions: ["us"], chinesePrompts: 0, promptPreview: false, status: "active",
    note: "prompt previews off",
  },
];

/** Beijing-time hour weights: quiet at night, busy in office hours, a lunch dip. */
export const HOUR_WEIGHTS = [
  0.25, 0.15, 0.08, 0.05, 0.05, 0.08, 0.2, 0.5, 1.2, 2.0, 2.4, 2.3,
  1.4, 1.8, 2.4, 2.5, 2.3, 2.0, 1.4, 1.2, 1.3, 1.2, 0.9, 0.5,
];

export const CHAT_MODELS: { model: string; inPerM: number; outPerM: number; weight: number }[] = [
  { model: "claude-sonnet-4-5", inPerM: 3, outPerM: 15, weight: 30 },
  { model: "claude-opus-4-1", inPerM: 15, outPerM: 75, weight: 4 },
  { model: "claude-haiku-4-5", inPerM: 1, outPerM: 5, weight: 14 },
  { model: "gpt-5", inPerM: 1.25, outPerM: 10, weight: 16 },
  { model: "gpt-5-mini", inPerM: 0.25, outPerM: 2, weight: 12 },
  { model: "gemini-2.5-pro", inPerM: 1.25, outPerM: 10, weight: 12 },
  { model: "gemini-2.5-flash", inPerM: 0.3, outPerM: 2.5, weight: 12 },
];

const SUBJECTS_EN = [
  "A small ceramic vase with a sunflower", "A cyberpunk Tokyo street at night", "A cozy reading nook by a rainy window",
  "An isometric illustration of a tiny bakery", "A vintage Bauhaus poster with bold text \"MORNING COFFEE\"",
  "A product shot of wireless earbuds on marble", "A watercolor map of a fantasy archipelago",
  "A flat vector icon set for a banking app", "A red fox in fresh snow at golden hour",
  "A minimalist UI mockup of a meditation app", "A hand-lettered wedding invitation with eucalyptus",
  "A retro 8-bit sprite sheet of a space pilot", "A book cover titled \"THE QUIET HARBOR\"",
  "A studio portrait of a ginger cat wearing glasses", "An infographic about ocean plastic, clean layout",
];
const STYLES_EN = [
  "photorealistic, 50mm lens, soft light", "warm orange and cream palette, textured paper",
  "neon reflections in rain puddles", "studio lighting, white background", "pastel colors, gentle gradients",
  "high contrast, cinematic composition", "flat design, generous whitespace", "isometric, soft shadows",
];
const SUBJECTS_ZH = [
  "一只在窗台上晒太阳的橘猫", "春节海报，大字“新春快乐”，红金配色", "杭州西湖的清晨薄雾", "国潮风格的奶茶包装设计",
  "电商主图：白色背景上的保温杯", "赛博朋克风格的重庆夜景", "水墨风格的山水长卷", "儿童绘本插画：小熊去野餐",
  "中秋节月饼礼盒，标题“花好月圆”", "极简风格的咖啡店菜单，中英双语", "产品发布会主视觉，标题“未来已来”",
];
const STYLES_ZH = ["写实摄影风格，柔和光线", "扁平插画，明亮配色", "中国风，留白构图", "高级感，电影质感", "3D 渲染，卡通风格"];

/** A plausible prompt: English, Chinese, or (sometimes) mixed. */
export function demoPrompt(pick: <T>(items: readonly T[]) => T, chinese: boolean): string {
  return chinese ? `${pick(SUBJECTS_ZH)}，${pick(STYLES_ZH)}` : `${pick(SUBJECTS_EN)}, ${pick(STYLES_EN)}`;
}
