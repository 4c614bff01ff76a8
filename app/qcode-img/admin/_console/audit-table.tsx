"use client";
import Link from "next/link";
import type { AuditRow } from "@/lib/console/audit";
import type { ConsoleStrings } from "./dictionary";
import { LoadState } from "./console-page";
import { fieldLabel, limitValueText, when } from "./format.client";
import { useJson } from "./use-json.client";

/** The audit rows as columns: who, when, which field, before → after, until, reason, request. */
export function AuditTable({ rows, t, showKey = true }: { rows: AuditRow[]; t: ConsoleStrings; showKey?: boolean }) {
  if (rows.length === 0) return <p className="empty">{t.auditNone}</p>;
  const untilHead = t.untilLabel.replace(/ \(.*\)|（.*）/, "");
  return (
    <div className="table-wrap">
      <table className="data audit-table stack-sm" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t.when} (UTC+8)</th>
            <th>{t.who}</th>
            {showKey && <th>{t.key}</th>}
            <th>{t.field}</th>
            <th>{t.change}</th>
            <th>{untilHead}</th>
            <th>{t.reason}</th>
            <th>{t.request}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td data-label={t.when}>{when(r.at, t)}</td>
              <td data-label={t.who}>{r.actor}</td>
              {showKey && (
                <td data-label={t.key}>
                  <Link href={`/qcode-img/admin/keys/${r.keyId}`}>#{r.keyId}</Link>
                </td>
              )}
              <td data-label={t.field}>{fieldLabel(r.field, t)}</td>
              <td data-label={t.change}>
                <span>
                  {limitValueText(r.field, r.before, t)} → <b>{limitValueText(r.field, r.after, t)}</b>
                </span>
              </td>
              <td data-label={untilHead}>{r.until ? when(r.until, t) : "—"}</td>
              <td data-label={t.reason} className="wrap">
                {r.reason}
              </td>
              <td data-label={t.request}>{r.requestId ? `#${r.requestId}` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An audit list read from the API (key or account page), reloaded when `version` changes. */
export function AuditSection({ query, t, version, showKey }: { query: string; t: ConsoleStrings; version: number; showKey?: boolean }) {
  const [state, reload] = useJson<{ rows: AuditRow[] }>(`/audit?${query}&v=${version}`);
  return (
    <section className="card" data-testid="audit-section">
      <div className="card-head">
        <h2>{t.audit}</h2>
        <a className="btn small" href={`/qcode-img/api/admin/audit.csv?${query}`} download>
          {t.downloadCsv}
        </a>
      </div>
      {state.phase === "error" && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
      {!state.data && state.phase === "loading" && <LoadState phase="loading" t={t} />}
      {state.data && <AuditTable rows={state.data.rows} t={t} showKey={showKey} />}
    </section>
  );
}
