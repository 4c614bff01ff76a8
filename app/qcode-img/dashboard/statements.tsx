"use client";
import { parseAsInteger, useQueryState } from "nuqs";
import type { KeyRow, MonthStatement } from "@/lib/usage/types";
import { formatCount } from "../usage/format.client";
import type { DashboardStrings } from "./dictionary";
import { Money, type Fx } from "./money";

const API = "/qcode-img/api/account";

/** One row per Beijing month since the first call, each with its CSV (whose rows add up to the row). */
export function Statements({ months, t, fx }: { months: MonthStatement[]; t: DashboardStrings; fx: Fx }) {
  return (
    <section className="card" data-testid="statements" aria-label={t.statementsTitle}>
      <div className="card-head">
        <div>
          <h2>{t.statementsTitle}</h2>
          <p className="subtle small card-sub">{t.statementsSub}</p>
        </div>
      </div>
      {months.length === 0 ? (
        <p className="empty">{t.noStatements}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t.colMonth}</th>
                <th className="num">{t.colCalls}</th>
                <th className="num">{t.colImages}</th>
                <th className="num">{t.colImageCost}</th>
                <th className="num">{t.colChatCost}</th>
                <th className="num">{t.total}</th>
                <th>{t.colPriceBook}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <td>{m.month}</td>
                  <td className="num">{formatCount(m.calls)}</td>
                  <td className="num">{formatCount(m.images)}</td>
                  <td className="num">
                    <Money micros={m.imageCostMicros} fx={null} />
                  </td>
                  <td className="num">
                    <Money micros={m.chatCostMicros} fx={null} />
                  </td>
                  <td className="num">
                    <b>
                      <Money micros={m.costMicros} fx={fx} />
                    </b>
                  </td>
                  <td>{m.priceBookVersions.length ? m.priceBookVersions.map((v) => `v${v}`).join(", ") : "–"}</td>
                  <td>
                    <a className="btn small" href={`${API}/statements/${m.month}.csv`} download data-testid={`statement-csv-${m.month}`}>
                      {t.csv}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Every call of the range as CSV, for the account or one key (`key` in the URL, like the range). */
export function ExportCard({ from, to, keys, t }: { from: string; to: string; keys: KeyRow[]; t: DashboardStrings }) {
  const [key, setKey] = useQueryState("key", parseAsInteger.withOptions({ history: "replace" }));
  const q = new URLSearchParams({ from, to });
  if (key !== null && keys.some((k) => k.id === key)) q.set("key", String(key));
  return (
    <section className="card" data-testid="export" aria-label={t.exportTitle}>
      <div className="card-head">
        <h2>{t.exportTitle}</h2>
      </div>
      <div className="row">
        <label className="field">
          {t.exportKey}
          <select value={key ?? ""} onChange={(e) => void setKey(e.target.value ? Number(e.target.value) : null)} data-testid="export-key">
            <option value="">{t.allKeys}</option>
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.alias} ({k.display})
              </option>
            ))}
          </select>
        </label>
        <a className="btn" href={`${API}/export.csv?${q}`} download data-testid="export-csv">
          ⤓ {t.exportRange}
        </a>
      </div>
    </section>
  );
}
