"use client";
/** Prompt, size, quality and n, the price of the choice, and Generate / Cancel. */
import { useId } from "react";
import { fmt, type Locale } from "@/lib/i18n/locale.client";
import { formatUsd } from "@/lib/pricing/format";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";
import { priceImageCall, type ImagePrice } from "@/lib/pricing/price";
import { secondsRange, type Messages } from "./dictionary";
import {
  LATENCY,
  MAX_PROMPT_CHARS,
  N_CHOICES,
  PLAYGROUND_QUALITIES,
  PLAYGROUND_SIZES,
  SAMPLE_PROMPTS,
  SIZE_SHAPE,
  type PlaygroundQuality,
  type PlaygroundSize,
} from "./options";
import s from "./playground.module.css";

export type FormValues = { prompt: string; size: PlaygroundSize; quality: PlaygroundQuality; n: number };

/** "2 × $0.0800 (floor) = $0.1600" */
export function priceLine(price: ImagePrice, n: number, floorWord: string): string {
  const unit = `${formatUsd(price.perImageMicros)}${price.floorApplied ? ` (${floorWord})` : ""}`;
  return `${n} × ${unit} = ${formatUsd(price.billedMicros)}`;
}

export const QUALITY_LABEL = { low: "qualityLow", medium: "qualityMedium", high: "qualityHigh" } as const;

export function GenerateForm(props: {
  t: Messages;
  locale: Locale;
  values: FormValues;
  onChange: (v: FormValues) => void;
  running: boolean;
  blocker: string | null;
  onGenerate: () => void;
  onCancel: () => void;
}) {
  const { t, locale, values, onChange, running } = props;
  const promptId = useId();
  const chars = values.prompt.length;
  const tooLong = chars > MAX_PROMPT_CHARS;
  const price = priceImageCall(PRICE_BOOK_V1, values);
  const set = (patch: Partial<FormValues>) => onChange({ ...values, ...patch });

  return (
    <form
      className={s.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) props.onGenerate();
      }}
    >
      <div className={s.block}>
        <div className={s.labelRow}>
          <label htmlFor={promptId} className={s.label}>
            {t.promptLabel}
          </label>
          <button type="button" className={s.linkButton} onClick={() => set({ prompt: SAMPLE_PROMPTS[locale] })}>
            {t.promptSample}
          </button>
        </div>
        <textarea
          id={promptId}
          name="prompt"
          className={s.prompt}
          value={values.prompt}
          onChange={(e) => set({ prompt: e.target.value })}
          placeholder={t.promptPlaceholder}
          rows={5}
          aria-invalid={tooLong || undefined}
        />
        <div className={`${s.help} ${s.count} ${tooLong ? s.dangerText : ""}`} data-testid="prompt-count">
          {tooLong
            ? fmt(t.promptTooLong, { max: MAX_PROMPT_CHARS.toLocaleString("en-US") })
            : fmt(t.promptCount, { count: chars.toLocaleString("en-US"), max: MAX_PROMPT_CHARS.toLocaleString("en-US") })}
        </div>
      </div>

      <fieldset className={s.block}>
        <legend className={s.label}>{t.sizeLabel}</legend>
        <div className={s.choices}>
          {PLAYGROUND_SIZES.map((size) => (
            <button key={size} type="button" className={s.choice} aria-pressed={values.size === size} onClick={() => set({ size })} data-size={size}>
              <span className={s.shape} data-shape={SIZE_SHAPE[size]} aria-hidden />
              <span className="mono">{size}</span>
              <span className={s.choiceSub}>{t[SIZE_SHAPE[size]]}</span>
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset className={s.block}>
        <legend className={s.label}>{t.qualityLabel}</legend>
        <div className={s.choices}>
          {PLAYGROUND_QUALITIES.map((q) => (
            <button key={q} type="button" className={s.choice} aria-pressed={values.quality === q} onClick={() => set({ quality: q })} data-quality={q}>
              <span>{t[QUALITY_LABEL[q]]}</span>
              <span className={s.choiceSub}>{secondsRange(locale, LATENCY[q].typical)}</span>
            </button>
          ))}
        </div>
        <div className={s.help}>
          {fmt(t.latencyNote, { range: secondsRange(locale, LATENCY[values.quality].typical) })}
          {values.quality !== "low" && <span className={s.warnText}> {t.latencyCdn}</span>}
        </div>
      </fieldset>

      <fieldset className={s.block}>
        <legend className={s.label}>{t.nLabel}</legend>
        <div className="seg" role="group" aria-label={t.nLabel}>
          {N_CHOICES.map((n) => (
            <button key={n} type="button" aria-pressed={values.n === n} onClick={() => set({ n })} className={s.nButton} data-n={n}>
              {n}
            </button>
          ))}
        </div>
      </fieldset>

      <div className={s.priceBox} data-testid="price">
        <div className={s.label}>{t.priceLabel}</div>
        <div className={s.priceValue}>{priceLine(price, values.n, t.priceFloor)}</div>
        <div className={s.help}>{t.priceNote}</div>
      </div>

      <div className={s.actions}>
        {running ? (
          <>
            <button type="button" className="btn primary" disabled>
              <span className="spinner" aria-hidden /> {t.generating}
            </button>
            <button type="button" className="btn" onClick={props.onCancel}>
              {t.cancel}
            </button>
          </>
        ) : (
          <button type="submit" className={`btn primary ${s.generate}`} disabled={props.blocker !== null || tooLong}>
            {t.generate}
          </button>
        )}
        {!running && props.blocker && <span className={s.help}>{props.blocker}</span>}
      </div>
    </form>
  );
}
