"use client";
import { useState } from "react";
import type { StaffKeyView } from "@/lib/console/key-view";
import { fmt } from "@/lib/i18n/locale.client";
import { formatUsd } from "@/lib/pricing/format";
import { postJson, ConsoleApiError } from "./api.client";
import type { ConsoleStrings } from "./dictionary";
import { when } from "./format.client";

const FIELDS = ["dailyImageCap", "concurrencyCap", "dailyCostLimitMicros", "totalCostLimitMicros"] as const;
type Field = (typeof FIELDS)[number];
const isMoney = (f: Field) => f === "dailyCostLimitMicros" || f === "totalCostLimitMicros";

/** datetime-local (read as Beijing time, as every time in the console) → ISO instant. */
function beijingLocalToIso(v: string): string {
  return new Date(`${v}:00+08:00`).toISOString();
}

/**
 * The limits form: a new value per limit, each with its own optional "until" (temporary), the
 * expiry, and one required reason. Fields left empty are not changed. Fields sharing an "until"
 * go in one request; each request is one audited transaction.
 */
export function LimitsForm({ view, t, onSaved }: { view: StaffKeyView; t: ConsoleStrings; onSaved: (v: StaffKeyView) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({ dailyImageCap: "", concurrencyCap: "", dailyCostLimitMicros: "", totalCostLimitMicros: "" });
  const [untils, setUntils] = useState<Record<Field, string>>({ dailyImageCap: "", concurrencyCap: "", dailyCostLimitMicros: "", totalCostLimitMicros: "" });
  const [expires, setExpires] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; param: string | null } | null>(null);
  const [saved, setSaved] = useState(false);

  const shown = (f: Field, v: number | null) => (v === null ? t.noLimit : isMoney(f) ? formatUsd(v) : String(v));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const groups = new Map<string, Record<string, unknown>>();
    for (const f of FIELDS) {
      const raw = values[f].trim();
      if (raw === "") continue;
      const n = Number(raw);
      const value = isMoney(f) ? Math.round(n * 1_000_000) : n;
      const key = untils[f];
      const g = groups.get(key) ?? {};
      // Anything that is not a number goes to the server as typed, which names the field.
      g[f] = Number.isFinite(n) ? value : raw;
      groups.set(key, g);
    }
    if (expires) {
      const g = groups.get("") ?? {};
      g.expiresAt = beijingLocalToIso(expires);
      groups.set("", g);
    }
    if (groups.size === 0) groups.set("", {}); // let the server say what is missing
    setBusy(true);
    try {
      let last: StaffKeyView | null = null;
      for (const [until, body] of groups) {
        last = await postJson<StaffKeyView>(`/keys/${view.id}/limits`, { ...body, ...(until ? { until: beijingLocalToIso(until) } : {}), reason });
      }
      if (last) onSaved(last);
      setValues({ dailyImageCap: "", concurrencyCap: "", dailyCostLimitMicros: "", totalCostLimitMicros: "" });
      setUntils({ dailyImageCap: "", concurrencyCap: "", dailyCostLimitMicros: "", totalCostLimitMicros: "" });
      setExpires("");
      setReason("");
      setSaved(true);
    } catch (err) {
      setError({ message: (err as Error).message, param: err instanceof ConsoleApiError ? err.param : null });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card limits-form" onSubmit={submit} data-testid="limits-form" noValidate>
      <h2>{t.limits}</h2>
      <div className="limit-fields">
        {FIELDS.map((f) => {
          const inForce = view.inForce[f];
          return (
            <fieldset key={f} className="limit-field" aria-invalid={error?.param === f || undefined}>
              <legend className="stat-label">{t[f]}</legend>
              <div className="now">
                {t.inForce}: <b className="text">{shown(f, inForce.value)}</b>
                {inForce.until && <> · {fmt(t.until, { t: when(inForce.until, t) })}</>}
                {inForce.until && (
                  <>
                    {" "}
                    · {t.stored}: {shown(f, view.stored[f])}
                  </>
                )}
              </div>
              <label className="field">
                {t.newValue}
                <input
                  name={f}
                  inputMode={isMoney(f) ? "decimal" : "numeric"}
                  value={values[f]}
                  placeholder={isMoney(f) ? "USD, e.g. 25.00" : "e.g. 200"}
                  onChange={(e) => setValues({ ...values, [f]: e.target.value })}
                />
              </label>
              <label className="field">
                {t.untilLabel}
                <input type="datetime-local" name={`${f}-until`} value={untils[f]} onChange={(e) => setUntils({ ...untils, [f]: e.target.value })} />
              </label>
            </fieldset>
          );
        })}
        <fieldset className="limit-field" aria-invalid={error?.param === "expiresAt" || undefined}>
          <legend className="stat-label">{t.expiresAt}</legend>
          <div className="now">
            {t.inForce}: <b className="text">{view.expiresAt ? `${when(view.expiresAt, t)} UTC+8` : t.never}</b>
          </div>
          <label className="field">
            {t.newValue} (UTC+8)
            <input type="datetime-local" name="expiresAt" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
        </fieldset>
      </div>
      <p className="subtle small">{t.untilHint}</p>
      <label className="field">
        {t.reason} — {t.reasonHint}
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error?.param === "reason" || undefined} required />
      </label>
      {error && (
        <p className="notice error" role="alert" data-testid="limits-error">
          {error.message}
        </p>
      )}
      {saved && (
        <p className="notice ok" role="status">
          {t.saved}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn primary" disabled={busy} data-testid="save-limits">
          {busy && <span className="spinner" aria-hidden />}
          {t.save}
        </button>
      </div>
    </form>
  );
}

/** Disable or enable, with a reason (audited as field "status"). */
export function StatusControl({ view, t, onSaved }: { view: StaffKeyView; t: ConsoleStrings; onSaved: (v: StaffKeyView) => void }) {
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = view.storedStatus === "active" ? "disabled" : "active";
  async function go() {
    setBusy(true);
    setError(null);
    try {
      onSaved(await postJson<StaffKeyView>(`/keys/${view.id}/status`, { status: next, reason }));
      setReason("");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card">
      <h2>{t.status_}</h2>
      <div className="inline-form">
        <label className="field" style={{ flex: 1, minWidth: 200 }}>
          {t.disableReason}
          <input value={reason} onChange={(e) => setReason(e.target.value)} name="status-reason" />
        </label>
        <button type="button" className={`btn ${next === "disabled" ? "danger" : "primary"}`} onClick={go} disabled={busy}>
          {next === "disabled" ? t.disable : t.enable}
        </button>
      </div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
