"use client";
import { parseAsInteger, useQueryState } from "nuqs";
import type { KeyRow, MonthStatement } from "@/lib/usage/types";
import { MonthlySpendTable } from "../_components/monthly-spend-table";
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
      <MonthlySpendTable
        months={months}
        labels={{
          month: t.colMonth,
          calls: t.colCalls,
          images: t.colImages,
          imageCost: t.colImageCost,
          chatCost: t.colChatCost,
          total: t.total,
          priceBook: t.colPriceBook,
          csv: t.csv,
          empty: t.noStatements,
        }}
        total={(micros) => <Money micros={micros} fx={fx} />}
        csvHref={(month) => `${API}/statements/${month}.csv`}
      />
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
