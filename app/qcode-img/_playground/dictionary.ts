/** Every text of the playground in English and Chinese. Client-safe. */
import type { Locale } from "@/lib/i18n/locale.client";

const en = {
  title: "gpt-image-2 Playground",
  pageTitle: "Playground · imgledger",
  subtitle: "Try the OpenAI-compatible image API in your browser: paste your key, write a prompt, generate.",

  keyLabel: "API key",
  keyPlaceholder: "cr_…",
  keyShow: "Show",
  keyHide: "Hide",
  keyRemember: "Remember on this device",
  keyForget: "Forget key",
  keyPrivacy: "The key stays in this browser: it is sent only in the Authorization header of your generate request, and only its SHA-256 hash to read today's limits.",
  keyRemembered: "Saved in this browser's local storage.",
  keyMalformed: "Keys look like cr_ followed by at least 32 letters and digits.",

  promptLabel: "Prompt",
  promptPlaceholder: "Describe the image: scene, composition, lighting, style. English, Chinese or mixed. Text in quotes is rendered in the image.",
  promptCount: "{count} / {max} characters",
  promptTooLong: "The prompt is over {max} characters.",
  promptSample: "Use a sample prompt",

  sizeLabel: "Size",
  sizeSquare: "square",
  sizePortrait: "portrait",
  sizeLandscape: "landscape",
  qualityLabel: "Quality",
  qualityLow: "low",
  qualityMedium: "medium",
  qualityHigh: "high",
  latencyNote: "Typical time: {range}",
  latencyCdn: "Medium and high can take longer than 100 s; through a CDN they may end in a 524. Low is the safe default.",
  nLabel: "Images (n)",
  priceLabel: "Price of this call",
  priceFloor: "floor",
  priceNote: "Billed only on success. Failed calls are free.",

  generate: "Generate",
  generating: "Generating…",
  cancel: "Cancel",
  elapsed: "{s} s elapsed",
  expected: "typically {range} for {quality} quality",
  needKey: "Paste your API key first.",
  needPrompt: "Write a prompt first.",

  resultTitle: "Result",
  resultEmpty: "Your images will appear here. A low-quality image usually takes 20–35 seconds.",
  revisedPrompt: "Revised prompt",
  cost: "Cost",
  costImages: "{n} image(s)",
  requestId: "Request id",
  took: "Took",
  download: "Download PNG",
  imageAlt: "Generated image {i} of {n}",
  localEngine: "demo engine",
  localEngineHint: "No image provider is configured: the built-in preview engine drew a placeholder. It is billed like a real image so the ledger can be tried, but it is not real spend.",
  imagesLeft: "{left} of {cap} images left today",
  concurrencyAllowed: "concurrency limit {cap}",
  concurrencyNow: "{used} of {cap} concurrent calls running",
  resetAt: "Resets at {beijing} (Beijing time), {local} your time",
  historyTitle: "This session",
  historyNote: "Every image made since this page opened, with its request id, cost and download. Kept until you close the page.",
  errorField: "Field: {field}",

  errorTitle: "The call failed",
  errorNotBilled: "Not billed: failed calls cost nothing.",
  errorHttp: "HTTP {status}",
  cancelled: "Cancelled. The request was stopped before an answer arrived, so nothing is billed.",

  apiTitle: "API reference",
  apiIntro: "The same call from your own code. Only the base URL differs from OpenAI's; the examples use your current choices.",
  apiBaseUrl: "Base URL",
  apiEndpoint: "Endpoint",
  copy: "Copy",
  copied: "Copied",
  apiKeyNote: "Replace cr_YOUR_QCODE_API_KEY with your key. The playground never puts your real key into these examples.",
  timeoutTitle: "Timeouts",
  timeoutAdvice: "gpt-image-2 is a reasoning model and much slower than classic text-to-image. Always set a client timeout of at least 180 s: the OpenAI SDKs' default is too short. Browser fetch has no default timeout; if you use an AbortController, give it at least 180 s (this playground does).",
  paramsTitle: "Request parameters",
  thField: "Field",
  thType: "Type",
  thRequired: "Required",
  thDefault: "Default",
  thValues: "Values",
  paramModel: "Fixed gpt-image-2",
  paramPrompt: "Image description, any language (English, Chinese, …); up to 32,000 characters",
  paramSize: "1024x1024 (square) / 1024x1536 (portrait) / 1536x1024 (landscape)",
  paramQuality: "low / medium / high",
  paramN: "Images per call (1 – 4)",
  latencyTitle: "Generation latency",
  thQuality: "quality",
  thTypical: "Typical",
  thP99: "Complex prompt p99",
  errorsTitle: "Error codes",
  thHttp: "HTTP",
  thCode: "code",
  thMeaning: "Meaning",
  thWhatToDo: "What to do",
} satisfies Record<string, string>;

export type Messages = Record<keyof typeof en, string>;

const zh: Messages = {
  title: "gpt-image-2 在线体验",
  pageTitle: "在线体验 · imgledger",
  subtitle: "在浏览器中试用兼容 OpenAI 的图像接口：粘贴密钥，写下提示词，立即生成。",

  keyLabel: "API 密钥",
  keyPlaceholder: "cr_…",
  keyShow: "显示",
  keyHide: "隐藏",
  keyRemember: "在此设备上记住",
  keyForget: "清除密钥",
  keyPrivacy: "密钥只保存在本浏览器中：仅在生成请求的 Authorization 请求头中发送，读取今日额度时只发送它的 SHA-256 哈希。",
  keyRemembered: "已保存在本浏览器的 localStorage 中。",
  keyMalformed: "密钥格式为 cr_ 加至少 32 位字母或数字。",

  promptLabel: "提示词",
  promptPlaceholder: "描述画面：场景、构图、光线、风格。中文、英文或混合均可。引号内的文字会直接渲染在图中。",
  promptCount: "{count} / {max} 字符",
  promptTooLong: "提示词超过 {max} 个字符。",
  promptSample: "填入示例提示词",

  sizeLabel: "尺寸",
  sizeSquare: "方形",
  sizePortrait: "竖版",
  sizeLandscape: "横版",
  qualityLabel: "质量",
  qualityLow: "低 low",
  qualityMedium: "中 medium",
  qualityHigh: "高 high",
  latencyNote: "通常耗时：{range}",
  latencyCdn: "medium 和 high 可能超过 100 秒，经过 CDN 时可能返回 524。low 是稳妥的默认值。",
  nLabel: "张数 (n)",
  priceLabel: "本次调用价格",
  priceFloor: "保底价",
  priceNote: "仅在成功时计费，失败的调用不收费。",

  generate: "生成",
  generating: "生成中…",
  cancel: "取消",
  elapsed: "已用 {s} 秒",
  expected: "{quality} 质量通常需要 {range}",
  needKey: "请先粘贴 API 密钥。",
  needPrompt: "请先填写提示词。",

  resultTitle: "结果",
  resultEmpty: "生成的图片会显示在这里。low 质量的单张图片通常需要 20–35 秒。",
  revisedPrompt: "优化后的提示词",
  cost: "费用",
  costImages: "{n} 张",
  requestId: "请求 ID",
  took: "耗时",
  download: "下载 PNG",
  imageAlt: "生成的第 {i} 张图片（共 {n} 张）",
  localEngine: "演示引擎",
  localEngineHint: "未配置图片服务商：由内置预览引擎生成占位图。为便于体验账本，它照常计费，但并非真实消费。",
  imagesLeft: "今日还可生成 {left} / {cap} 张",
  concurrencyAllowed: "并发上限 {cap}",
  concurrencyNow: "正在运行 {used} / {cap} 个并发调用",
  resetAt: "北京时间 {beijing} 重置，即您当地时间 {local}",
  historyTitle: "本次会话",
  historyNote: "打开本页以来生成的所有图片，附请求 ID、费用和下载。关闭页面前一直保留。",
  errorField: "字段：{field}",

  errorTitle: "调用失败",
  errorNotBilled: "不计费：失败的调用不收取任何费用。",
  errorHttp: "HTTP {status}",
  cancelled: "已取消。请求在返回结果前被中止，不会计费。",

  apiTitle: "API 参考",
  apiIntro: "在你自己的代码中发起同样的调用。与 OpenAI 相比只有 base URL 不同；示例使用你当前的选项。",
  apiBaseUrl: "Base URL",
  apiEndpoint: "接口",
  copy: "复制",
  copied: "已复制",
  apiKeyNote: "把 cr_YOUR_QCODE_API_KEY 替换为你的密钥。在线体验不会把你的真实密钥放进示例代码。",
  timeoutTitle: "超时设置",
  timeoutAdvice: "gpt-image-2 是推理型模型，比传统文生图慢得多。请务必把客户端超时设为至少 180 秒：OpenAI SDK 的默认超时太短。浏览器 fetch 默认没有超时；如果使用 AbortController，请至少给 180 秒（本页面即如此）。",
  paramsTitle: "请求参数",
  thField: "字段",
  thType: "类型",
  thRequired: "必填",
  thDefault: "默认值",
  thValues: "取值",
  paramModel: "固定为 gpt-image-2",
  paramPrompt: "图片描述，支持多语言（中文、英文等）；最多 32,000 个字符",
  paramSize: "1024x1024（方形）/ 1024x1536（竖版）/ 1536x1024（横版）",
  paramQuality: "low / medium / high",
  paramN: "每次生成的张数（1 – 4）",
  latencyTitle: "生成耗时",
  thQuality: "质量",
  thTypical: "通常",
  thP99: "复杂提示词 p99",
  errorsTitle: "错误码",
  thHttp: "HTTP",
  thCode: "code",
  thMeaning: "含义",
  thWhatToDo: "处理建议",
};

/** The reference's error codes, plus what the playground itself can run into. */
export type ErrorCode =
  | "invalid_api_key"
  | "key_expired"
  | "unsupported_size"
  | "crs_daily_exhausted"
  | "crs_total_exhausted"
  | "image_daily_limit"
  | "concurrency_exhausted"
  | "service_overloaded"
  | "image_provider_unavailable"
  | "invalid_request_error"
  | "request_too_large"
  | "cdn_timeout"
  | "client_timeout"
  | "network_error"
  | "unknown_error";

type ErrorText = { meaning: string; hint: string };

const errorsEn: Record<ErrorCode, ErrorText> = {
  invalid_api_key: { meaning: "API key invalid or disabled", hint: "Check that you pasted the whole key (it starts with cr_). If it was disabled, ask support for a new one." },
  key_expired: { meaning: "API key expired", hint: "This key has passed its expiry date. Ask support to extend it or issue a new key." },
  unsupported_size: { meaning: "size not supported (only the three above)", hint: "Choose 1024x1024, 1024x1536 or 1536x1024." },
  crs_daily_exhausted: { meaning: "Account daily budget reached", hint: "Your account's daily cost limit is used up. It resets at midnight Beijing time; support can raise it." },
  crs_total_exhausted: { meaning: "Account total budget reached", hint: "Your account's total cost limit is used up. Contact support to raise it." },
  image_daily_limit: { meaning: "This key's daily image cap is reached, or too small for this many images", hint: "n images count as n: ask for fewer, or wait for the reset at midnight Beijing time. Support can raise the cap." },
  concurrency_exhausted: { meaning: "This key's concurrent-call cap is reached", hint: "Other calls with this key are still running. Wait for one to finish, then retry." },
  service_overloaded: { meaning: "Service-wide overload, retry shortly", hint: "The service is busy. Retry in a few seconds." },
  image_provider_unavailable: { meaning: "Upstream temporarily unavailable, retry shortly", hint: "The image provider failed or timed out. Retry shortly; nothing was billed." },
  invalid_request_error: { meaning: "The request is malformed", hint: "The message names the field to fix." },
  request_too_large: { meaning: "Request body over 1 MiB", hint: "Shorten the prompt." },
  cdn_timeout: { meaning: "CDN timeout (524)", hint: "A CDN in front of the server gave up after 100 s. Use low quality, or an entry without a CDN." },
  client_timeout: { meaning: "No answer within 180 s", hint: "The playground stopped waiting after 180 s. Retry, or use low quality." },
  network_error: { meaning: "Network error", hint: "The server could not be reached. Check your connection and retry." },
  unknown_error: { meaning: "Unexpected answer", hint: "Retry; if it keeps happening, send the request id to support." },
};

const errorsZh: Record<ErrorCode, ErrorText> = {
  invalid_api_key: { meaning: "API 密钥无效或已停用", hint: "请确认粘贴了完整的密钥（以 cr_ 开头）。如果密钥已停用，请联系客服获取新密钥。" },
  key_expired: { meaning: "API 密钥已过期", hint: "此密钥已过有效期，请联系客服续期或签发新密钥。" },
  unsupported_size: { meaning: "不支持该尺寸（仅支持上述三种）", hint: "请选择 1024x1024、1024x1536 或 1536x1024。" },
  crs_daily_exhausted: { meaning: "账户每日预算已用完", hint: "账户的每日费用上限已用完，北京时间零点重置；可联系客服提高。" },
  crs_total_exhausted: { meaning: "账户总预算已用完", hint: "账户的总费用上限已用完，请联系客服提高。" },
  image_daily_limit: { meaning: "此密钥今日的图片数已达上限，或剩余额度不足以生成这么多张", hint: "n 张计为 n 张：请减少张数，或等待北京时间零点重置；可联系客服提高上限。" },
  concurrency_exhausted: { meaning: "此密钥的并发调用数已满", hint: "此密钥还有其他调用在进行中，请等其中一个完成后重试。" },
  service_overloaded: { meaning: "服务整体过载，请稍后重试", hint: "服务繁忙，请过几秒重试。" },
  image_provider_unavailable: { meaning: "上游暂时不可用，请稍后重试", hint: "图像服务商出错或超时，请稍后重试；本次不计费。" },
  invalid_request_error: { meaning: "请求格式有误", hint: "错误信息中指出了需要修改的字段。" },
  request_too_large: { meaning: "请求体超过 1 MiB", hint: "请缩短提示词。" },
  cdn_timeout: { meaning: "CDN 超时（524）", hint: "服务器前的 CDN 在 100 秒后放弃等待。请使用 low 质量，或改用不经过 CDN 的入口。" },
  client_timeout: { meaning: "180 秒内没有响应", hint: "本页面在 180 秒后停止等待。请重试，或改用 low 质量。" },
  network_error: { meaning: "网络错误", hint: "无法连接服务器，请检查网络后重试。" },
  unknown_error: { meaning: "意外的响应", hint: "请重试；如果反复出现，请把请求 ID 发给客服。" },
};

export function messages(locale: Locale): Messages {
  return locale === "zh" ? zh : en;
}

export function errorText(locale: Locale, code: ErrorCode): ErrorText {
  return (locale === "zh" ? errorsZh : errorsEn)[code];
}

/** Seconds, written the way each language reads them. */
export function secondsRange(locale: Locale, range: string): string {
  return locale === "zh" ? `${range} 秒` : `${range} s`;
}
