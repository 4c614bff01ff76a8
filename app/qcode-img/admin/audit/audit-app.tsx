"use client";
import { parseAsString, useQueryStates } from "nuqs";
import { useState } from "react";
import type { AuditRow } from "@/lib/console/audit";
import { AuditTable } from "../_console/audit-table";
import { ConsolePage, LoadState, type ConsoleUser } from "../_console/console-page";
import { useJson } from "../_console/use-json.client";

const FILTERS = { accountId: parseAsString, keyId: parseAsString, field: parseAsString, from: parseAsString, to: parseAsString };

/** The whole audit trail, filtered by account, key, field and billing days; the filters live in the URL. */
export function AuditApp({ user }: { user: ConsoleUser }) {
  const [filters, setFilters] = useQueryStates(FILTERS);
  const [draft, setDraft] = useState(filters);
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString();
  const [state, reload] = useJson<{ rows: AuditRow[] }>(`/audit?${query}`);
  const input = (k: keyof typeof FILTERS, type = "text") => (
    <input type={type} name={k} value={draft[k] ?? ""} onChange={(e) => setDraft({ ...draft, [k]: e.target.value || null })} style={{ width: type === "date" ? undefined : 110 }} />
  );
  return (
    <ConsolePage
      user={user}
      section="audit"
      title={(t) => t.navAudit}
      actions={(t) => (
        <a className="btn" href={`/qcode-img/api/admin/audit.csv?${query}`} download>
          {t.downloadCsv}
        </a>
      )}
    >
      {(t) => (
        <>
          <form
            className="card inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void setFilters(draft);
            }}
          >
            <label className="field">
              {t.accountId}
              {input("accountId")}
            </label>
            <label className="field">
              {t.keyId}
              {input("keyId")}
            </label>
            <label className="field">
              {t.field}
              <select name="field" value={draft.field ?? ""} onChange={(e) => setDraft({ ...draft, field: e.target.value || null })}>
                <option value="">{t.all}</option>
                {["dailyImageCap", "concurrencyCap", "dailyCostLimitMicros", "totalCostLimitMicros", "expiresAt", "status"].map((f) => (
                  <option key={f} value={f}>
                    {(t as Record<string, string>)[f === "status" ? "status_" : f]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              {t.from}
              {input("from", "date")}
            </label>
            <label className="field">
              {t.to}
              {input("to", "date")}
            </label>
            <button type="submit" className="btn primary">
              {t.filter}
            </button>
          </form>
          {state.phase === "error" && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
          {!state.data && state.phase === "loading" && <LoadState phase="loading" t={t} />}
          {state.data && (
            <section className="card">
              <AuditTable rows={state.data.rows} t={t} />
            </section>
          )}
        </>
      )}
    </ConsolePage>
  );
}
