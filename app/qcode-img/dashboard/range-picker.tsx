"use client";
import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useEffect, useState, useTransition } from "react";
import { RANGE_PRESETS, type RangePreset } from "@/lib/usage/types";
import type { DashboardStrings } from "./dictionary";
import styles from "./dashboard.module.css";

const MAX_DAYS = 400;
const LABELS: Record<RangePreset, keyof DashboardStrings> = {
  "7d": "r7",
  "30d": "r30",
  "90d": "r90",
  month: "rMonth",
  "last-month": "rLastMonth",
  custom: "rCustom",
};

export const rangeParsers = {
  range: parseAsStringLiteral(RANGE_PRESETS),
  from: parseAsString,
  to: parseAsString,
};

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Presets and a custom range, kept in the URL by nuqs: a change re-renders the server page (so
 * every card, chart and table follows), and the URL can be shared, bookmarked and reloaded.
 */
export function RangePicker({
  preset,
  from,
  to,
  today,
  t,
  onPending,
}: {
  preset: RangePreset;
  from: string;
  to: string;
  today: string;
  t: DashboardStrings;
  onPending: (pending: boolean) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [, setQuery] = useQueryStates(rangeParsers, { shallow: false, history: "push", startTransition });
  const [custom, setCustom] = useState({ open: preset === "custom", from, to });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onPending(pending), [pending, onPending]);
  useEffect(() => setCustom((c) => ({ ...c, from, to })), [from, to]);

  const choose = (p: RangePreset) => {
    setError(null);
    if (p === "custom") return setCustom((c) => ({ ...c, open: true }));
    setCustom((c) => ({ ...c, open: false }));
    void setQuery({ range: p, from: null, to: null });
  };
  const apply = () => {
    if (!custom.from || !custom.to) return;
    if (custom.from > custom.to) return setError(t.rangeInverted);
    if (days(custom.from, custom.to) > MAX_DAYS) return setError(t.rangeTooLong);
    setError(null);
    void setQuery({ range: "custom", from: custom.from, to: custom.to });
  };

  return (
    <div className={styles.rangePicker} data-testid="range-picker">
      <div className="seg" role="group" aria-label={t.range}>
        {RANGE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={p === "custom" ? custom.open || preset === "custom" : preset === p && !custom.open}
            onClick={() => choose(p)}
            data-range={p}
          >
            {t[LABELS[p]]}
          </button>
        ))}
      </div>
      {pending && <span className="spinner" aria-label={t.loading} />}
      {custom.open && (
        <form
          className={styles.customRange}
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <label className="field">
            {t.from}
            <input type="date" value={custom.from} max={today} onChange={(e) => setCustom({ ...custom, from: e.target.value })} data-testid="range-from" />
          </label>
          <label className="field">
            {t.to}
            <input type="date" value={custom.to} max={today} onChange={(e) => setCustom({ ...custom, to: e.target.value })} data-testid="range-to" />
          </label>
          <button type="submit" className="btn small primary">
            {t.apply}
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
