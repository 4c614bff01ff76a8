import { describe, expect, it } from "vitest";
import { ERROR_EXPLANATIONS } from "@/app/qcode-img/_components/error-codes";
import { SHARED_STRINGS } from "@/app/qcode-img/_components/shared-dictionary";
import { errorText, messages, type ErrorCode } from "@/app/qcode-img/_playground/dictionary";
import { USAGE_STRINGS } from "@/app/qcode-img/usage/dictionary";
import { KNOWN_ERROR_CODES, LIMIT_ERROR_CODES, SERVICE_ERROR_CODES } from "@/lib/usage/types";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Same keys in both languages, no empty string, the same {placeholders} in each pair. */
function expectComplete(name: string, en: Record<string, string>, zh: Record<string, string>) {
  const enKeys = Object.keys(en).sort();
  const zhKeys = Object.keys(zh).sort();
  expect(zhKeys.filter((k) => !(k in en)), `${name}: keys only in Chinese`).toEqual([]);
  expect(enKeys.filter((k) => !(k in zh)), `${name}: keys missing in Chinese`).toEqual([]);
  for (const k of enKeys) {
    expect(en[k]!.trim(), `${name}.${k} (en) is empty`).not.toBe("");
    expect(zh[k]!.trim(), `${name}.${k} (zh) is empty`).not.toBe("");
    expect(placeholders(zh[k]!), `${name}.${k}: placeholders differ`).toEqual(placeholders(en[k]!));
  }
}

describe("message catalogues", () => {
  it("the usage page has every string in English and Chinese", () => {
    expectComplete("usage", USAGE_STRINGS.en, USAGE_STRINGS.zh);
    expect(USAGE_STRINGS.zh.qHigh).toBe("高");
  });
  it("the shared pieces (top bar, key form) have every string in both", () => {
    expectComplete("shared", SHARED_STRINGS.en, SHARED_STRINGS.zh);
  });
  it("the playground has every string in both", () => {
    expectComplete("playground", messages("en"), messages("zh"));
  });
  it("every error code the ledger may hold is explained in both languages", () => {
    expectComplete("errors", ERROR_EXPLANATIONS.en, ERROR_EXPLANATIONS.zh);
    for (const code of new Set([...KNOWN_ERROR_CODES, ...LIMIT_ERROR_CODES, ...SERVICE_ERROR_CODES])) {
      expect(ERROR_EXPLANATIONS.en[code], `${code} (en)`).toBeTruthy();
      expect(ERROR_EXPLANATIONS.zh[code], `${code} (zh)`).toBeTruthy();
    }
  });
  it("the playground explains every gateway error in both languages, without hard-coded limits", () => {
    const codes: ErrorCode[] = [
      "invalid_api_key", "key_expired", "unsupported_size", "crs_daily_exhausted", "crs_total_exhausted", "image_daily_limit",
      "concurrency_exhausted", "service_overloaded", "image_provider_unavailable", "invalid_request_error", "request_too_large",
      "cdn_timeout", "client_timeout", "network_error", "unknown_error",
    ];
    for (const code of codes) {
      for (const locale of ["en", "zh"] as const) {
        const x = errorText(locale, code);
        expect(x.meaning.trim(), `${code} ${locale}`).not.toBe("");
        expect(x.hint.trim(), `${code} ${locale}`).not.toBe("");
      }
    }
    expect(errorText("en", "image_daily_limit").meaning).not.toMatch(/100/);
    expect(errorText("zh", "concurrency_exhausted").meaning).not.toMatch(/2 个/);
  });
});
