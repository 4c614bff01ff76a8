import type { Locale } from "@/lib/i18n/locale.client";

/** Strings of the shared pieces (top bar, key form, locale switch). Client-safe. */
const en = {
  brand: "imgledger",
  navPlayground: "Playground",
  navUsage: "Usage",
  navLabel: "Main navigation",
  language: "Language",
  keyLabel: "API key",
  keyPlaceholder: "cr_…",
  show: "Show",
  hide: "Hide",
  showKey: "Show the key",
  hideKey: "Hide the key",
  remember: "Remember on this device",
  rememberHint: "Stored in this browser's local storage. Leave unticked on a shared computer: the key then lives only in this tab.",
  submit: "Continue",
  forget: "Forget key",
  change: "Change key",
  privacy: "Your key never leaves this browser: the page sends only its SHA-256 hash, in a request header.",
  errEmpty: "Paste your API key.",
  errPrefix: "An API key starts with cr_.",
  errChars: "An API key has only letters and digits after cr_ (no spaces or symbols).",
  errShort: "This key is too short: cr_ is followed by at least 32 letters and digits.",
  remembered: "remembered on this device",
  memoryOnly: "this tab only",
} as const;

export type SharedStrings = { [K in keyof typeof en]: string };

const zh: SharedStrings = {
  brand: "imgledger",
  navPlayground: "在线体验",
  navUsage: "用量查询",
  navLabel: "主导航",
  language: "语言",
  keyLabel: "API 密钥",
  keyPlaceholder: "cr_…",
  show: "显示",
  hide: "隐藏",
  showKey: "显示密钥",
  hideKey: "隐藏密钥",
  remember: "在此设备上记住",
  rememberHint: "保存在本浏览器的本地存储中。在公用电脑上请不要勾选：密钥将只保留在当前标签页。",
  submit: "继续",
  forget: "忘记密钥",
  change: "更换密钥",
  privacy: "密钥不会离开此浏览器：页面只在请求头中发送它的 SHA-256 哈希。",
  errEmpty: "请粘贴您的 API 密钥。",
  errPrefix: "API 密钥以 cr_ 开头。",
  errChars: "cr_ 之后只能是字母和数字（不能有空格或符号）。",
  errShort: "密钥太短：cr_ 之后至少需要 32 个字母或数字。",
  remembered: "已在此设备上记住",
  memoryOnly: "仅当前标签页",
};

export const SHARED_STRINGS: Record<Locale, SharedStrings> = { en, zh };
