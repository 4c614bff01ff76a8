import type { Locale } from "@/lib/i18n/locale.client";

/**
 * One line per error code the ledger may hold, in both languages: what happened, in the key
 * holder's words. Client-safe. Unknown codes (imports) fall back to the code itself.
 */
const en: Record<string, string> = {
  image_daily_limit: "This key's images for today were used up; resets at 00:00 Beijing time.",
  concurrency_exhausted: "Too many calls of this key were running at once; retry when one finishes.",
  crs_daily_exhausted: "This key's cost limit for today was reached; resets at 00:00 Beijing time.",
  crs_total_exhausted: "This key's total cost limit was reached; support can raise it.",
  invalid_api_key: "The key was not recognised, or was disabled.",
  key_expired: "The key had passed its expiry date.",
  unsupported_size: "The size asked for is not offered (1024x1024, 1024x1536, 1536x1024 only).",
  invalid_request_error: "The request was malformed (a missing or invalid field).",
  service_overloaded: "The service was busy for everyone; retrying shortly works.",
  image_provider_unavailable: "The image provider failed or timed out; retrying shortly works.",
  internal_error: "Something failed on our side.",
  client_closed: "Your client closed the connection before the answer arrived.",
};

const zh: Record<string, string> = {
  image_daily_limit: "此密钥今日的图片数已用完；北京时间 00:00 重置。",
  concurrency_exhausted: "此密钥同时进行的调用过多；等其中一个完成后重试。",
  crs_daily_exhausted: "此密钥今日的费用上限已达到；北京时间 00:00 重置。",
  crs_total_exhausted: "此密钥的累计费用上限已达到；可联系客服提高。",
  invalid_api_key: "无法识别该密钥，或密钥已停用。",
  key_expired: "密钥已过有效期。",
  unsupported_size: "不支持所请求的尺寸（仅支持 1024x1024、1024x1536、1536x1024）。",
  invalid_request_error: "请求格式有误（缺少字段或字段无效）。",
  service_overloaded: "服务整体繁忙；稍后重试即可。",
  image_provider_unavailable: "图片服务商出错或超时；稍后重试即可。",
  internal_error: "我方出现故障。",
  client_closed: "您的客户端在返回结果前关闭了连接。",
};

export const ERROR_EXPLANATIONS: Record<Locale, Record<string, string>> = { en, zh };

export function explainError(locale: Locale, code: string): string {
  return ERROR_EXPLANATIONS[locale][code] ?? code;
}
