"use client";
/** This session's results, newest first, kept until the page is closed: paid images never vanish. */
import { fmt } from "@/lib/i18n/locale.client";
import { formatUsd } from "@/lib/pricing/format";
import type { Messages } from "./dictionary";
import { QUALITY_LABEL } from "./generate-form";
import type { PlaygroundQuality } from "./options";
import { useBlobUrls } from "./result-view";
import type { GeneratedImage, GenerateParams } from "./use-generate";
import s from "./playground.module.css";

export type HistoryEntry = {
  requestId: string | null;
  at: number;
  params: GenerateParams;
  images: GeneratedImage[];
  billedMicros: number;
  demoEngine: boolean;
};

export function SessionHistory({ t, entries }: { t: Messages; entries: HistoryEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section className={`card ${s.history}`} aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">{t.historyTitle}</h2>
      <p className={s.help}>{t.historyNote}</p>
      <ol className={s.historyList}>
        {entries.map((e) => (
          <HistoryItem key={`${e.requestId}-${e.at}`} t={t} entry={e} />
        ))}
      </ol>
    </section>
  );
}

function HistoryItem({ t, entry }: { t: Messages; entry: HistoryEntry }) {
  const urls = useBlobUrls(entry.images);
  const stamp = (entry.requestId ?? String(entry.at)).replace(/[^A-Za-z0-9_-]/g, "");
  const d = new Date(entry.at);
  const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, "0")).join(":");
  return (
    <li className={s.historyItem} data-testid="history-item">
      <div className={s.historyThumbs}>
        {entry.images.map((img, i) => (
          // eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise
          <img key={i} src={`data:image/png;base64,${img.b64}`} alt={fmt(t.imageAlt, { i: i + 1, n: entry.images.length })} className={s.thumb} />
        ))}
      </div>
      <div className={s.historyFacts}>
        <div>
          <b data-testid="history-cost">{formatUsd(entry.billedMicros)}</b> · {entry.params.size} · {t[QUALITY_LABEL[entry.params.quality as PlaygroundQuality] ?? "qualityLow"]} · {time}
          {entry.demoEngine && <span className="badge demo">{t.localEngine}</span>}
        </div>
        <div className="mono small" data-testid="history-request-id">
          {entry.requestId ?? "—"}
        </div>
        <div className="row">
          {entry.images.map((_, i) => (
            <a key={i} className="btn small" href={urls[i]} download={`gpt-image-2-${stamp}-${i + 1}.png`} aria-disabled={!urls[i]}>
              ↓ {t.download}
              {entry.images.length > 1 ? ` ${i + 1}` : ""}
            </a>
          ))}
        </div>
      </div>
    </li>
  );
}
