"use client";
import { useState } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import { formatUsd } from "@/lib/pricing/format";
import { IMAGE_QUALITIES, IMAGE_SIZES } from "@/lib/pricing/price-book";
import type { PriceBookVersion } from "@/lib/pricing/versions";
import { postJson } from "../_console/api.client";
import { ConsolePage, LoadState, type ConsoleUser } from "../_console/console-page";
import type { ConsoleStrings } from "../_console/dictionary";
import { when } from "../_console/format.client";
import { useJson } from "../_console/use-json.client";

export function PriceBookApp({ user }: { user: ConsoleUser }) {
  const [state, reload] = useJson<{ versions: PriceBookVersion[] }>("/price-book");
  return (
    <ConsolePage user={user} section="price-book" title={(t) => t.navPriceBook}>
      {(t) => (
        <>
          {state.phase === "error" && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
          {!state.data && state.phase === "loading" && <LoadState phase="loading" t={t} />}
          {state.data && user.role === "admin" && <PublishForm current={state.data.versions[0] ?? null} t={t} onPublished={reload} />}
          {state.data && user.role !== "admin" && <p className="notice">{t.adminOnly}</p>}
          {state.data?.versions.map((v) => <VersionCard key={v.version} v={v} t={t} />)}
        </>
      )}
    </ConsolePage>
  );
}

function VersionCard({ v, t }: { v: PriceBookVersion; t: ConsoleStrings }) {
  return (
    <section className="card" data-testid={`price-version-${v.version}`}>
      <div className="card-head">
        <h2>
          {t.version} {v.version}
        </h2>
        <span className="subtle small">
          {t.effectiveFrom}: {when(v.effectiveFrom, t)} UTC+8 · {t.floor}: {formatUsd(v.floorMicros)}
        </span>
      </div>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t.size}</th>
              {IMAGE_QUALITIES.map((q) => (
                <th key={q} className="num">
                  {q}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...new Set(v.entries.map((e) => e.size))].map((size) => (
              <tr key={size}>
                <td>{size}</td>
                {IMAGE_QUALITIES.map((q) => {
                  const e = v.entries.find((x) => x.size === size && x.quality === q);
                  return (
                    <td key={q} className="num">
                      {e ? formatUsd(e.unitPriceMicros) : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A new version starts as a copy of the latest; prices in USD (4 decimals), sent as micro-USD. */
function PublishForm({ current, t, onPublished }: { current: PriceBookVersion | null; t: ConsoleStrings; onPublished: () => void }) {
  const initial = () =>
    Object.fromEntries(
      IMAGE_SIZES.flatMap((s) =>
        IMAGE_QUALITIES.map((q) => {
          const e = current?.entries.find((x) => x.size === s && x.quality === q);
          return [`${s}/${q}`, e ? (e.unitPriceMicros / 1e6).toFixed(4) : ""];
        }),
      ),
    );
  const [prices, setPrices] = useState<Record<string, string>>(initial);
  const [floor, setFloor] = useState(current ? (current.floorMicros / 1e6).toFixed(4) : "");
  const [effective, setEffective] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function publish(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const entries = Object.entries(prices)
        .filter(([, v]) => v.trim() !== "")
        .map(([id, v]) => {
          const [size, quality] = id.split("/");
          return { size, quality, unitPriceMicros: Math.round(Number(v) * 1e6) };
        });
      const r = await postJson<{ version: number }>("/price-book", {
        effectiveFrom: effective ? new Date(`${effective}:00+08:00`).toISOString() : "",
        floorMicros: Math.round(Number(floor) * 1e6),
        entries,
      });
      setMessage({ ok: true, text: fmt(t.published, { v: r.version }) });
      onPublished();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={publish} data-testid="publish-form">
      <h2>{t.publish}</h2>
      <p className="subtle small">{t.publishHint}</p>
      <div className="inline-form">
        <label className="field">
          {t.effectiveFrom} (UTC+8)
          <input type="datetime-local" value={effective} onChange={(e) => setEffective(e.target.value)} required />
        </label>
        <label className="field">
          {t.floor} (USD)
          <input inputMode="decimal" value={floor} onChange={(e) => setFloor(e.target.value)} />
        </label>
      </div>
      <div className="table-wrap price-grid">
        <table className="data">
          <thead>
            <tr>
              <th>{t.size}</th>
              {IMAGE_QUALITIES.map((q) => (
                <th key={q}>{q} (USD)</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {IMAGE_SIZES.map((s) => (
              <tr key={s}>
                <td>{s}</td>
                {IMAGE_QUALITIES.map((q) => (
                  <td key={q}>
                    <input
                      aria-label={`${s} ${q}`}
                      inputMode="decimal"
                      value={prices[`${s}/${q}`] ?? ""}
                      onChange={(e) => setPrices({ ...prices, [`${s}/${q}`]: e.target.value })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {message && (
        <p className={`notice ${message.ok ? "ok" : "error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={busy}>
        {t.publish}
      </button>
    </form>
  );
}
