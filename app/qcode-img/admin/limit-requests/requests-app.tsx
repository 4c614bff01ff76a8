"use client";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { useState } from "react";
import type { StaffLimitRequest } from "@/lib/limits/staff-limit-requests";
import { postJson } from "../_console/api.client";
import { ConsolePage, LoadState, type ConsoleUser } from "../_console/console-page";
import type { ConsoleStrings } from "../_console/dictionary";
import { when } from "../_console/format.client";
import { RequestCells, RequestHeadCells } from "../_console/request-cells";
import { useJson } from "../_console/use-json.client";
import { DataTable } from "../../_components/data-table";

const STATUSES = ["pending", "approved", "denied", "all"] as const;

export function RequestsApp({ user }: { user: ConsoleUser }) {
  const [status, setStatus] = useQueryState("status", parseAsStringLiteral(STATUSES).withDefault("pending"));
  const [state, reload] = useJson<{ requests: StaffLimitRequest[] }>(`/limit-requests${status === "all" ? "" : `?status=${status}`}`);
  return (
    <ConsolePage user={user} section="requests" title={(t) => t.navRequests}>
      {(t) => (
        <>
          <div className="seg" role="group" aria-label={t.status}>
            {STATUSES.map((s) => (
              <button key={s} type="button" aria-pressed={status === s} onClick={() => void setStatus(s)}>
                {{ pending: t.pendingShort, approved: t.approved, denied: t.denied, all: t.all }[s]}
              </button>
            ))}
          </div>
          {state.phase === "error" && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
          {!state.data && state.phase === "loading" && <LoadState phase="loading" t={t} />}
          {state.data && (
            <section className="card">
              <DataTable
                empty={state.data.requests.length === 0}
                emptyText={status === "pending" ? t.pendingNone : t.requestsNone}
                className="stack-sm"
                testId="requests-table"
                head={
                  <tr>
                    <RequestHeadCells t={t} />
                    <th>{t.status}</th>
                  </tr>
                }
              >
                {state.data.requests.map((r) => (
                  <RequestRow key={r.id} r={r} t={t} onDecided={reload} />
                ))}
              </DataTable>
            </section>
          )}
        </>
      )}
    </ConsolePage>
  );
}

function RequestRow({ r, t, onDecided }: { r: StaffLimitRequest; t: ConsoleStrings; onDecided: () => void }) {
  const [note, setNote] = useState("");
  const [until, setUntil] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function decide(verb: "approve" | "deny") {
    setBusy(true);
    setError(null);
    try {
      const body = verb === "approve" && until ? { note, until: new Date(`${until}:00+08:00`).toISOString() } : { note };
      await postJson(`/limit-requests/${r.id}/${verb}`, body);
      onDecided();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <RequestCells r={r} t={t} />
      <td className="wrap" data-label={t.status}>
        {r.status === "pending" ? (
          <div className="decide">
            <label className="field">
              {t.note}
              <textarea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t.noteHint} />
            </label>
            <label className="field">
              {t.untilLabel}
              <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
            </label>
            <div className="row">
              <button type="button" className="btn primary small" disabled={busy} onClick={() => void decide("approve")}>
                {t.approve}
              </button>
              <button type="button" className="btn danger small" disabled={busy} onClick={() => void decide("deny")}>
                {t.deny}
              </button>
            </div>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
        ) : (
          <div>
            <span className={`badge ${r.status === "approved" ? "ok" : "danger"}`}>{r.status === "approved" ? t.approved : t.denied}</span>
            {r.until && <div className="subtle small">→ {when(r.until, t)}</div>}
            <div className="small">{r.note}</div>
            <div className="subtle small">{when(r.decidedAt, t)}</div>
          </div>
        )}
      </td>
    </tr>
  );
}
