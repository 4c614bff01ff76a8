"use client";
import type { Locale } from "@/lib/i18n/locale.client";
import { SHARED_STRINGS } from "./shared-dictionary";

const NAMES: Record<Locale, string> = { en: "EN", zh: "中文" };

/** English / 中文 toggle; each option is labelled in its own language. */
export function LocaleSwitch({ locale, onChange }: { locale: Locale; onChange: (l: Locale) => void }) {
  return (
    <div className="seg" role="group" aria-label={SHARED_STRINGS[locale].language}>
      {(Object.keys(NAMES) as Locale[]).map((l) => (
        <button
          key={l}
          type="button"
          lang={l === "zh" ? "zh-CN" : "en"}
          aria-pressed={locale === l}
          onClick={() => onChange(l)}
          data-locale={l}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
