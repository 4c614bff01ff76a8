"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { useEffect, useState } from "react";
import { fmt, type Locale } from "@/lib/i18n/locale.client";
import { describeImageCost, formatUsd } from "@/lib/pricing/format";
import type { CallView } from "@/lib/usage/types";
import { explainError } from "../_components/error-codes";
import { qualityLabel, type UsageStrings } from "./dictionary";
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
          cost: formatUsd(call.costMicros),
          input: formatCount(call.inputTokens ?? 0),
          output: formatCount(call.outputTokens ?? 0),
        })}
      </p>
    );
  }
  const { formula, rule } = describeImageCost(call, { image: t.wordImage, images: t.wordImages, floor: t.wordFloor, notBilled: t.wordNotBilled });
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

/**
 * Every field of one call, and how its cost was computed: a modal dialog (Radix) that keeps focus
 * inside, closes on Escape or a click outside, and gives focus back to the row it came from.
 */
export function CallDetail({ call, onClose, t, returnFocus }: { call: CallView; onClose: () => void; t: UsageStrings; returnFocus?: () => void }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [call.requestId]);
  const lang = t.lang as Locale;

  const dash = "–";
  const rows: [string, React.ReactNode][] = [
    [t.fTime, beijingDateTime(call.createdAt)],
    [t.fTimeUtc, call.createdAt],
    [t.fBillingDay, call.billingDay],
    [t.fKind, call.kind === "image" ? t.kindImage : t.kindChat],
    [t.fModel, call.model],
    [t.fKey, <code key="k">{call.keyDisplay}</code>],
    [t.fSize, call.size ?? dash],
    [t.fQuality, call.quality ? qualityLabel(t, call.quality) : dash],
    [t.fN, call.kind === "image" ? call.n : dash],
    [t.fDelivered, call.imagesDelivered],
    [t.fHttp, call.httpStatus],
    [
      t.fError,
      call.errorCode ? (
        <span key="e">
          <code>{call.errorCode}</code> <span className="subtle small">{explainError(lang, call.errorCode)}</span>
        </span>
      ) : (
        dash
      ),
    ],
    [t.fCost, <b key="c">{formatUsd(call.costMicros)}</b>],
    [t.fUnit, call.unitPriceMicros === null ? dash : formatUsd(call.unitPriceMicros)],
    [t.fFloor, call.floorMicros === null ? dash : formatUsd(call.floorMicros)],
    [t.fPriceVersion, call.priceVersion ?? dash],
    [t.fLatency, `${formatLatency(call.latencyMs)} (${formatCount(call.latencyMs)} ms)`],
    [t.fRegion, call.region ?? dash],
    [
      t.fEngine,
      call.demoEngine ? (
        <span key="d">
          <span className="badge demo">{t.demoEngine}</span> <span className="subtle small">{t.demoEngineHint}</span>
        </span>
      ) : call.kind === "image" && call.costMicros > 0 ? (
        t.engineUpstream
      ) : (
        dash
      ),
    ],
    [t.fTokens, call.inputTokens === null && call.outputTokens === null ? dash : `${formatCount(call.inputTokens ?? 0)} / ${formatCount(call.outputTokens ?? 0)}`],
    [t.fPrompt, call.promptPreview ? <q key="p">{call.promptPreview}</q> : dash],
  ];

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="drawer-backdrop" />
        <Dialog.Content
          className="drawer"
          data-testid="call-detail"
          aria-describedby={undefined}
          onCloseAutoFocus={(e) => {
            if (!returnFocus) return;
            e.preventDefault();
            returnFocus();
          }}
        >
          <div className="drawer-head">
            <Dialog.Title asChild>
              <h2>{t.detailTitle}</h2>
            </Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" className="btn small">
                {t.close}
              </button>
            </Dialog.Close>
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
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
