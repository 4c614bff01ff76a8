"use client";
import { useCallback, useEffect, useState } from "react";

/** English and Chinese; the choice is remembered in localStorage. Client-safe. */
export type Locale = "en" | "zh";
const STORAGE_KEY = "imgledger.locale";

export function useLocale(): [Locale, (l: Locale) => void] {
  const [locale, setLocaleState] = useState<Locale>("en");
  useEffect(() => {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh") setLocaleState(saved);
    else if (navigator.language.toLowerCase().startsWith("zh")) setLocaleState("zh");
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    window.localStorage.setItem(STORAGE_KEY, l);
    setLocaleState(l);
  }, []);
  return [locale, setLocale];
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
