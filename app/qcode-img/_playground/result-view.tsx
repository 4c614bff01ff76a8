"use client";
/** The right-hand panel: waiting, the images with cost and downloads, or the error explained. */
import { useEffect, useState } from "react";
import { fmt, type Locale } from "@/lib/i18n/locale.client";
import { errorText, secondsRange, type Messages } from "./dictionary";
import { priceLine } from "./generate-form";
import { LATENCY, sizeDims, type PlaygroundQuality, type PlaygroundSize } from "./options";
import { resetText } from "./key-today";
import type { GenerateState, GeneratedImage } from "./use-generate";
import { imagesLeft, type KeyToday } from "./use-key-today";
import s from "./playground.module.css";

type Props = { t: Messages; locale: Locale; state: GenerateState; today: KeyToday | null };

export function ResultView({ t, locale, state, today }: Props) {
  return (
    <section id="result" className={`card ${s.result}`} aria-live="polite" aria-busy={state.phase === "running"}>
      <h2>{t.resultTitle}</h2>
      {state.phase === "idle" && <div className="empty">{t.resultEmpty}</div>}
      {state.phase === "running" && <Running t={t} locale={locale} state={state} />}
      {state.phase === "cancelled" && <div className="notice">{t.cancelled}</div>}
      {state.phase === "error" && <ErrorPanel t={t} locale={locale} state={state} today={today} />}
      {state.phase === "success" && <Success t={t} state={state} />}
    </section>
  );
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function Running({ t, locale, state }: { t: Messages; locale: Locale; state: Extract<GenerateState, { phase: "running" }> }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(id);
  }, []);
  const elapsed = Math.max(0, now - state.startedAt);
  const quality = state.params.quality as PlaygroundQuality;
  const latency = LATENCY[quality] ?? LATENCY.low;
  // An estimate against the typical upper bound; it never claims to be done before the answer.
  const pct = Math.min(95, (elapsed / 1000 / latency.typicalMaxS) * 100);
  const { width, height } = sizeDims(state.params.size as PlaygroundSize);
  return (
    <div data-testid="running">
      <div className={s.runningHead}>
        <span className="spinner" aria-hidden />
        <strong className={s.timer} data-testid="elapsed">
          {fmt(t.elapsed, { s: seconds(elapsed) })}
        </strong>
        <span className="subtle small">{fmt(t.expected, { range: secondsRange(locale, latency.typical), quality })}</span>
      </div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <div className={s.gallery} data-count={state.params.n}>
        {Array.from({ length: state.params.n }, (_, i) => (
          <div key={i} className={`skeleton ${s.placeholder}`} style={{ aspectRatio: `${width} / ${height}` }} />
        ))}
      </div>
    </div>
  );
}

/** Blob URLs make the download a plain link: one click, no re-encoding of the PNG. */
export function useBlobUrls(images: GeneratedImage[]): string[] {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = images.map((img) => {
      const bin = atob(img.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
    });
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [images]);
  return urls;
}

function Success({ t, state }: { t: Messages; state: Extract<GenerateState, { phase: "success" }> }) {
  const urls = useBlobUrls(state.images);
  const n = state.images.length;
  const revised = Array.from(new Set(state.images.map((i) => i.revisedPrompt).filter((p): p is string => !!p)));
  const local = isDemoEngine(state.images);
  const stamp = (state.requestId ?? String(Date.now())).replace(/[^A-Za-z0-9_-]/g, "");
  return (
    <div data-testid="success">
      <dl className={`kv ${s.facts}`}>
        <dt>{t.cost}</dt>
        <dd className={s.costValue} data-testid="cost">
          {priceLine(state.price, n, t.priceFloor)}
        </dd>
        <dt>{t.requestId}</dt>
        <dd className="mono" data-testid="request-id">
          {state.requestId ?? "—"}
        </dd>
        <dt>{t.took}</dt>
        <dd>{seconds(state.elapsedMs)} s</dd>
      </dl>
      {local && (
        <p className={s.demoNote} data-testid="demo-engine">
          <span className="badge demo">{t.localEngine}</span> {t.localEngineHint}
        </p>
      )}
      <div className={s.gallery} data-count={n}>
        {state.images.map((img, i) => (
          <figure key={i} className={s.figure}>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
            <img src={`data:image/png;base64,${img.b64}`} alt={fmt(t.imageAlt, { i: i + 1, n })} className={s.image} data-testid="generated-image" />
            <figcaption>
              <a
                className="btn small"
                href={urls[i]}
                download={`gpt-image-2-${stamp}-${i + 1}.png`}
                aria-disabled={!urls[i]}
                data-testid="download"
              >
                ↓ {t.download}
                {n > 1 ? ` ${i + 1}` : ""}
              </a>
            </figcaption>
          </figure>
        ))}
      </div>
      {revised.length > 0 && (
        <div className={s.revised}>
          <h3>{t.revisedPrompt}</h3>
          {revised.map((p) => (
            <p key={p} data-testid="revised-prompt">
              {p}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** The local preview engine says so in every revised prompt (see lib/gateway/local-engine.ts). */
export function isDemoEngine(images: GeneratedImage[]): boolean {
  return images.some((i) => i.revisedPrompt?.startsWith("[local preview engine") ?? false);
}

/** The facts behind a limit error, from the key's real limits (never the defaults). */
function limitFacts(t: Messages, code: string, today: KeyToday | null): string | null {
  if (!today) return null;
  const d = today.today;
  if (code === "image_daily_limit") return `${fmt(t.imagesLeft, { left: imagesLeft(d), cap: d.dailyImageCap })} · ${resetText(t, d.nextResetAt)}`;
  if (code === "concurrency_exhausted") return fmt(t.concurrencyNow, { used: d.inFlight, cap: d.concurrencyCap });
  if (code === "crs_daily_exhausted") return resetText(t, d.nextResetAt);
  return null;
}

function ErrorPanel({
  t,
  locale,
  state,
  today,
}: {
  t: Messages;
  locale: Locale;
  state: Extract<GenerateState, { phase: "error" }>;
  today: KeyToday | null;
}) {
  const text = errorText(locale, state.known);
  const facts = limitFacts(t, state.code, today);
  // The server's own message is English: shown only where it adds something (which field is
  // wrong) and only in English; Chinese readers get the field name.
  const detail =
    state.known === "invalid_request_error" || state.known === "unknown_error"
      ? locale === "en"
        ? state.message
        : state.param
          ? fmt(t.errorField, { field: state.param })
          : ""
      : "";
  return (
    <div className={`notice error ${s.errorBox}`} role="alert" data-testid="error">
      <div className={s.errorHead}>
        <strong>{t.errorTitle}</strong>
        {state.status !== null && <span className="badge danger">{fmt(t.errorHttp, { status: state.status })}</span>}
        <code className={s.errorCode} data-testid="error-code">
          {state.code}
        </code>
      </div>
      <div className={s.errorMeaning}>{text.meaning}</div>
      {facts && (
        <div className={s.errorFacts} data-testid="error-facts">
          {facts}
        </div>
      )}
      {detail && (
        <div className={s.errorMessage} data-testid="error-message">
          {detail}
        </div>
      )}
      <div className={s.errorHint}>{text.hint}</div>
      <div className={s.errorFoot}>
        <span>{t.errorNotBilled}</span>
        {state.requestId && (
          <span>
            {t.requestId}: <code>{state.requestId}</code>
          </span>
        )}
      </div>
    </div>
  );
}
