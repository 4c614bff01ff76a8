"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { LimitRequestView } from "@/lib/limits/account-history";
import { fmt } from "@/lib/i18n/locale.client";
import { formatUsd } from "@/lib/pricing/format";
import type { KeyRow } from "@/lib/usage/types";
import { beijingMinute, formatCount } from "../usage/format.client";
import type { DashboardStrings } from "./dictionary";
import { mutate, MutationError } from "./mutate.client";
import styles from "./dashboard.module.css";
import { DataTable } from "../_components/data-table";

type Field = "dailyImageCap" | "concurrencyCap" | "dailyCostLimitMicros" | "totalCostLimitMicros";
const FIELDS: Field[] = ["dailyImageCap", "concurrencyCap", "dailyCostLimitMicros", "totalCostLimitMicros"];
const isMoney = (f: string) => f.endsWith("Micros");

export function fieldLabel(f: string, t: DashboardStrings): string {
  const key = `f${f[0]!.toUpperCase()}${f.slice(1)}` as keyof DashboardStrings;
  return t[key] ?? f;
}

export function limitValueText(f: string, v: number | null, t: DashboardStrings): string {
  if (v === null) return t.noLimit;
  return isMoney(f) ? formatUsd(v) : formatCount(v);
}

/** Ask support for a higher limit (key, limit, value, why), and the account's requests with their answers. */
export function LimitRequests({ keys, requests, t }: { keys: KeyRow[]; requests: LimitRequestView[]; t: DashboardStrings }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [keyId, setKeyId] = useState<number | "">(keys[0]?.id ?? "");
  const [field, setField] = useState<Field>("dailyImageCap");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const key = keys.find((k) => k.id === keyId);
  const current = key ? key[field] : null;
  const aliasOf = (id: number) => keys.find((k) => k.id === id)?.alias ?? `#${id}`;

  const submit = async () => {
    if (keyId === "") return;
    const n = Number(value);
    const wanted = isMoney(field) ? Math.round(n * 1_000_000) : n;
    setBusy(true);
    setMessage(null);
    try {
      await mutate("POST", "limit-requests", { keyId, field, value: wanted, reason });
      setValue("");
      setReason("");
      setMessage({ ok: true, text: t.reqSent });
      startTransition(() => router.refresh());
    } catch (e) {
      setMessage({ ok: false, text: fmt(t.actionFailed, { message: e instanceof MutationError ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" data-testid="limit-requests" aria-label={t.requestsTitle}>
      <div className="card-head">
        <div>
          <h2>{t.requestsTitle}</h2>
          <p className="subtle small card-sub">{t.requestsSub}</p>
        </div>
      </div>
      <form
        className={styles.requestForm}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          {t.reqKey}
          <select value={keyId} onChange={(e) => setKeyId(Number(e.target.value))} required data-testid="req-key">
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.alias} ({k.display})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t.reqField}
          <select value={field} onChange={(e) => setField(e.target.value as Field)} data-testid="req-field">
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {fieldLabel(f, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {isMoney(field) ? t.reqValueUsd : t.reqValue}
          <input
            type="number"
            min={0}
            step={isMoney(field) ? "0.01" : "1"}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            data-testid="req-value"
          />
          <span className="subtle">{fmt(t.reqCurrent, { value: limitValueText(field, current, t) })}</span>
        </label>
        <label className={`field ${styles.reasonField}`}>
          {t.reqReason}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} required placeholder={t.reqReasonHint} data-testid="req-reason" />
        </label>
        <div>
          <button type="submit" className="btn primary" disabled={busy || keyId === ""} data-testid="req-submit">
            {t.reqSubmit}
          </button>
        </div>
      </form>
      {message && (
        <p className={`notice ${message.ok ? "" : "error"}`} role="status" data-testid="req-message">
          {message.text}
        </p>
      )}
      <DataTable
        empty={requests.length === 0}
        emptyText={t.noRequests}
        className="stack-sm"
        testId="requests-table"
        head={
          <tr>
            <th>{t.colWhen}</th>
            <th>{t.reqKey}</th>
            <th>{t.reqField}</th>
            <th className="num">{t.colRequested}</th>
            <th>{t.colStatus}</th>
            <th>{t.colReason}</th>
            <th>{t.colNote}</th>
          </tr>
        }
      >
        {requests.map((r) => (
          <tr key={r.id} data-request-id={r.id}>
            <td data-label={t.colWhen}>{beijingMinute(r.createdAt)}</td>
            <td data-label={t.reqKey}>{aliasOf(r.keyId)}</td>
            <td data-label={t.reqField}>{fieldLabel(r.field, t)}</td>
            <td className="num" data-label={t.colRequested}>{limitValueText(r.field, r.value, t)}</td>
            <td data-label={t.colStatus}>
              <span className={`badge ${r.status === "approved" ? "ok" : r.status === "denied" ? "danger" : "warn"}`} data-testid="req-status">
                {t[r.status]}
              </span>
            </td>
            <td className={styles.wrapCell} data-label={t.colReason}>{r.reason}</td>
            <td className={styles.wrapCell} data-label={t.colNote} data-testid="req-note">{r.note ?? "–"}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
