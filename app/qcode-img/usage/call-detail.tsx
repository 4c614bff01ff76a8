"use client";
import { useEffect, useRef, useState } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import { describeImageCost, formatUsd4 } from "@/lib/pricing/format";
import type { CallView } from "@/lib/usage/types";
import type { UsageStrings } from "./dictionary";
import { beijingDateTime, formatCount, formatLatency } from "./format.client";

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain-http pages have no clipboard API: fall back to a selected textarea.
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.position = "fixed";
  ta.style.opacity = "0";
  document.body.appendChild(ta);
  ta.select();
  document.execCommand("copy");
  ta.remove();
}

function CostArithmetic({ call, t }: { call: CallView; t: UsageStrings }) {
  if (call.kind === "chat") {
    return (
      <p className="cost-formula" data-testid="cost-formula">
        {fmt(t.chatCost, {
          cost: formatUsd4(call.costMicros),
          input: formatCount(call.inputTokens ?? 0),
          output: formatCount(call.outputTokens ?? 0),
        })}
      </p>
    );
  }
  const { formula, rule } = describeImageCost(call);
  const label = rule === "floor" ? t.ruleFloor : rule === "unit price" ? t.ruleUnit : t.ruleNotBilled;
  const hint = rule === "floor" ? t.ruleFloorHint : rule === "unit price" ? t.ruleUnitHint : t.ruleNotBilledHint;
  const tone = rule === "floor" ? "warn" : rule === "unit price" ? "ok" : "";
  return (
    <>
      <p className="cost-formula mono" data-testid="cost-formula">
        {formula}
      </p>
      <p className="row">
        <span className={`badge ${tone}`} data-testid="cost-rule">
          {label}
        </span>
        <span className="subtle small">{hint}</span>
      </p>
    </>
  );
}

/** Every field of one call, and how its cost was computed. Closes on Escape or a click outside. */
export function CallDetail({ call, onClose, t }: { call: CallView; onClose: () => void; t: UsageStrings }) {
  const [copied, setCopied] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  useEffect(() => setCopied(false), [call.requestId]);

  const dash = "–";
  const rows: [string, React.ReactNode][] = [
    [t.fTime, beijingDateTime(call.createdAt)],
    [t.fTimeUtc, call.createdAt],
    [t.fBillingDay, call.billingDay],
    [t.fKind, call.kind],
    [t.fModel, call.model],
    [t.fKey, <code key="k">{call.keyDisplay}</code>],
    [t.fSize, call.size ?? dash],
    [t.fQuality, call.quality ?? dash],
    [t.fN, call.kind === "image" ? call.n : dash],
    [t.fDelivered, call.imagesDelivered],
    [t.fHttp, call.httpStatus],
    [t.fError, call.errorCode ? <code key="e">{call.errorCode}</code> : dash],
    [t.fCost, <b key="c">{formatUsd4(call.costMicros)}</b>],
    [t.fUnit, call.unitPriceMicros === null ? dash : formatUsd4(call.unitPriceMicros)],
    [t.fFloor, call.floorMicros === null ? dash : formatUsd4(call.floorMicros)],
    [t.fPriceVersion, call.priceVersion ?? dash],
    [t.fLatency, `${formatLatency(call.latencyMs)} (${formatCount(call.latencyMs)} ms)`],
    [t.fRegion, call.region ?? dash],
    [t.fTokens, call.inputTokens === null && call.outputTokens === null ? dash : `${formatCount(call.inputTokens ?? 0)} / ${formatCount(call.outputTokens ?? 0)}`],
    [t.fPrompt, call.promptPreview ? <q key="p">{call.promptPreview}</q> : dash],
  ];

  return (
    <>
      <div className="drawer-backdrop" onClick={onClose} aria-hidden />
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby="call-detail-title" data-testid="call-detail">
        <div className="drawer-head">
          <h2 id="call-detail-title">{t.detailTitle}</h2>
          <button ref={closeRef} type="button" className="btn small" onClick={onClose}>
            {t.close}
          </button>
        </div>
        <div className="request-id">
          <span className="subtle small">{t.requestId}</span>
          <code data-testid="detail-request-id">{call.requestId}</code>
          <button
            type="button"
            className="btn small"
            onClick={() => copyText(call.requestId).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? t.copied : t.copy}
          </button>
        </div>
        <section className="cost-box" aria-label={t.costArithmetic}>
          <h3>{t.costArithmetic}</h3>
          <CostArithmetic call={call} t={t} />
        </section>
        <dl className="kv">
          {rows.map(([k, v]) => (
            <div key={k} className="kv-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </aside>
    </>
  );
}
