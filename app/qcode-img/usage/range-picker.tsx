"use client";
import { useEffect, useId, useState } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import type { UsageStrings } from "./dictionary";
import { earliestRangeDay, RANGE_PRESETS, type RangePreset, type UsageRange } from "./range.client";

/** 7 / 30 / 90 days or a custom range of Beijing days, reaching back to the key's first call. */
export function RangePicker({
  value,
  onChange,
  today,
  firstCallDay,
  shown,
  t,
}: {
  value: UsageRange;
  onChange: (r: UsageRange) => void;
  today: string;
  firstCallDay: string | null | undefined;
  /** The range the data on screen covers. */
  shown: { from: string; to: string };
  t: UsageStrings;
}) {
  const min = earliestRangeDay(today, firstCallDay);
  const [from, setFrom] = useState(value.from ?? shown.from);
  const [to, setTo] = useState(value.to ?? shown.to);
  const [custom, setCustom] = useState(value.preset === "custom");
  const fromId = useId();
  const toId = useId();
  useEffect(() => setCustom(value.preset === "custom"), [value.preset]);
  const label: Record<RangePreset, string> = { "7": t.range7, "30": t.range30, "90": t.range90, custom: t.rangeCustom };
  const valid = from !== "" && to !== "" && from <= to && from >= min && to <= today;

  return (
    <section className="range-picker card" aria-label={t.rangeLabel} data-testid="range-picker">
      <div className="row wrap">
        <span className="stat-label">{t.rangeLabel}</span>
        <div className="seg" role="group" aria-label={t.rangeLabel}>
          {RANGE_PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={p === "custom" ? custom : !custom && value.preset === p}
              data-range={p}
              onClick={() => {
                if (p === "custom") {
                  setCustom(true);
                  setFrom(shown.from);
                  setTo(shown.to);
                } else {
                  setCustom(false);
                  onChange({ preset: p, from: null, to: null });
                }
              }}
            >
              {label[p]}
            </button>
          ))}
        </div>
        <span className="subtle small" data-testid="range-shown">
          {shown.from} – {shown.to}
        </span>
      </div>
      {custom && (
        <form
          className="row wrap range-custom"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) onChange({ preset: "custom", from, to });
          }}
        >
          <label className="field" htmlFor={fromId}>
            {t.filterFrom}
            <input id={fromId} type="date" name="range-from" min={min} max={to || today} value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field" htmlFor={toId}>
            {t.filterTo}
            <input id={toId} type="date" name="range-to" min={from || min} max={today} value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" className="btn" disabled={!valid} data-testid="range-apply">
            {t.rangeApply}
          </button>
          <span className={`small ${valid ? "subtle" : "danger-text"}`}>
            {valid ? fmt(t.rangeBounds, { min, max: today }) : fmt(t.rangeInvalid, { min, max: today })}
          </span>
        </form>
      )}
    </section>
  );
}
