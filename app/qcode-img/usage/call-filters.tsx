"use client";
import { fmt } from "@/lib/i18n/locale.client";
import type { CallFilterState } from "./api.client";
import type { Locale } from "@/lib/i18n/locale.client";
import { explainError } from "../_components/error-codes";
import { qualityLabel, type UsageStrings } from "./dictionary";

/** Filters of the call list and the CSV, within the page's range (Beijing billing days). */
export function CallFilters({
  value,
  onChange,
  sizes,
  qualities,
  errorCodes,
  t,
}: {
  value: CallFilterState;
  onChange: (f: CallFilterState) => void;
  sizes: string[];
  qualities: string[];
  errorCodes: string[];
  t: UsageStrings;
}) {
  const set = <K extends keyof CallFilterState>(k: K, v: CallFilterState[K]) => onChange({ ...value, [k]: v });
  return (
    <div className="filters" role="group" aria-label={t.callsTitle}>
      <label className="field">
        {t.filterKind}
        <select name="kind" value={value.kind} onChange={(e) => set("kind", e.target.value as CallFilterState["kind"])}>
          <option value="">{t.any}</option>
          <option value="image">{t.kindImage}</option>
          <option value="chat">{t.kindChat}</option>
        </select>
      </label>
      <label className="field">
        {t.filterStatus}
        <select name="status" value={value.status} onChange={(e) => set("status", e.target.value as CallFilterState["status"])}>
          <option value="">{t.any}</option>
          <option value="ok">{t.statusOk}</option>
          <option value="failed">{t.statusFailed}</option>
        </select>
      </label>
      <label className="field">
        {t.filterError}
        <select name="error_code" value={value.errorCode} onChange={(e) => set("errorCode", e.target.value)}>
          <option value="">{t.any}</option>
          {errorCodes.map((c) => (
            <option key={c} value={c} title={explainError(t.lang as Locale, c)}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t.filterSize}
        <select name="size" value={value.size} onChange={(e) => set("size", e.target.value)}>
          <option value="">{t.any}</option>
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t.filterQuality}
        <select name="quality" value={value.quality} onChange={(e) => set("quality", e.target.value)}>
          <option value="">{t.any}</option>
          {qualities.map((q) => (
            <option key={q} value={q}>
              {qualityLabel(t, q)}
            </option>
          ))}
        </select>
      </label>
      <p className="subtle small filters-hint">{fmt(t.rangeHint, { from: value.from, to: value.to })}</p>
    </div>
  );
}
