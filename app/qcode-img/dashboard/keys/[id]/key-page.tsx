"use client";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import type { LimitChangeView, LimitRequestView } from "@/lib/limits/account-history";
import { fmt, useLocale } from "@/lib/i18n/locale.client";
import { TopBar } from "../../../_components/top-bar";
import type { UsageApiError, UsageSource } from "../../../usage/api.client";
import { USAGE_STRINGS } from "../../../usage/dictionary";
import { beijingMinute } from "../../../usage/format.client";
import { describeUsageError, UsageBody } from "../../../usage/usage-app";
import { useOverview } from "../../../usage/use-overview.client";
import { DASHBOARD_STRINGS, type DashboardStrings } from "../../dictionary";
import { fieldLabel, limitValueText } from "../../limit-requests";
import { statusText } from "../../keys-table";

/** The self-service usage view of one key, read through the session instead of a key token, plus its limit history. */
export function KeyPage({
  keyId,
  alias,
  display,
  changes,
  requests,
}: {
  keyId: number;
  alias: string;
  display: string;
  changes: LimitChangeView[];
  requests: LimitRequestView[];
}) {
  const [locale, setLocale] = useLocale();
  const t = DASHBOARD_STRINGS[locale];
  const u = USAGE_STRINGS[locale];
  const source = useMemo<UsageSource>(() => ({ kind: "session", base: `/qcode-img/api/account/keys/${keyId}` }), [keyId]);
  const [overview, reload] = useOverview(source);
  const [reloadSignal, setReloadSignal] = useState(0);
  const refresh = useCallback(() => {
    reload();
    setReloadSignal((n) => n + 1);
  }, [reload]);
  const describe = useCallback((e: UsageApiError) => describeUsageError(e, u), [u]);
  const shown = overview.phase === "ready" ? overview.data : overview.phase === "idle" ? null : overview.previous;

  return (
    <>
      <TopBar current="dashboard" locale={locale} onLocaleChange={setLocale} />
      <main className="page usage-page" data-testid="key-page">
        <p>
          <Link href="/qcode-img/dashboard">{t.backToDashboard}</Link>
        </p>
        <div className="page-head">
          <div>
            <h1>{fmt(t.keyTitle, { alias })}</h1>
            <p className="subtle page-sub">
              <code>{display}</code>
            </p>
          </div>
        </div>
        {!shown && overview.phase !== "error" && <div className="skeleton chart-skeleton" data-testid="overview-loading" />}
        {overview.phase === "error" && (
          <div className="notice error overview-error" role="alert" data-testid="overview-error">
            <span>{describe(overview.error)}</span>
            <button type="button" className="btn small" onClick={reload}>
              {u.retry}
            </button>
          </div>
        )}
        {shown && <UsageBody data={shown} source={source} t={u} onReset={refresh} reloadSignal={reloadSignal} describe={describe} />}
        <LimitHistory changes={changes} requests={requests} t={t} />
      </main>
    </>
  );
}

function LimitHistory({ changes, requests, t }: { changes: LimitChangeView[]; requests: LimitRequestView[]; t: DashboardStrings }) {
  // Rows are limits (numbers), the expiry (an instant) or the key's status (the owner's or support's disable/enable).
  const num = (field: string, v: string | null) => {
    if (field === "status") return v === "active" || v === "disabled" ? statusText(v, t) : (v ?? "—");
    if (v === null || v === "") return field === "expiresAt" ? t.never : t.noLimit;
    return field === "expiresAt" ? `${beijingMinute(v)} UTC+8` : limitValueText(field, Number(v), t);
  };
  return (
    <section className="card" style={{ marginTop: 12 }} data-testid="limit-history" aria-label={t.historyTitle}>
      <div className="card-head">
        <div>
          <h2>{t.historyTitle}</h2>
          <p className="subtle small card-sub">{t.historySub}</p>
        </div>
      </div>
      {changes.length === 0 ? (
        <p className="empty">{t.noHistory}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t.colWhen}</th>
                <th>{t.colField}</th>
                <th>{t.colChange}</th>
                <th>{t.colUntil}</th>
                <th>{t.colBy}</th>
                <th>{t.colReason}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id}>
                  <td>{beijingMinute(c.at)}</td>
                  <td>{fieldLabel(c.field, t)}</td>
                  <td>
                    {num(c.field, c.oldValue)} → <b>{num(c.field, c.newValue)}</b>
                  </td>
                  <td>{c.temporaryUntil ? `${beijingMinute(c.temporaryUntil)} UTC+8` : t.permanent}</td>
                  <td>{c.actor}</td>
                  <td style={{ whiteSpace: "normal" }}>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {requests.length > 0 && (
        <ul className="error-codes" data-testid="key-requests">
          {requests.map((r) => (
            <li key={r.id}>
              <span className={`badge ${r.status === "approved" ? "ok" : r.status === "denied" ? "danger" : "warn"}`}>{t[r.status]}</span>
              {fieldLabel(r.field, t)} → {limitValueText(r.field, r.value, t)}
              <span className="subtle">{r.note ?? ""}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
