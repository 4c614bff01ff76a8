"use client";
import { useCallback, useState } from "react";
import type { LimitRequestView } from "@/lib/limits/account-history";
import { fmt, useLocale } from "@/lib/i18n/locale.client";
import type { AccountOverview, MonthStatement, RangePreset } from "@/lib/usage/types";
import { TopBar } from "../_components/top-bar";
import { DashboardCharts } from "./dashboard-charts";
import { DASHBOARD_STRINGS } from "./dictionary";
import { CreateAccountKey } from "./key-dialogs";
import { KeysTable } from "./keys-table";
import { LimitRequests } from "./limit-requests";
import { Alerts, OverviewCards } from "./overview-cards";
import { RangePicker } from "./range-picker";
import { ExportCard, Statements } from "./statements";
import styles from "./dashboard.module.css";

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The customer's dashboard: data shaped on the server, drawn here in the chosen language. */
export function DashboardApp({
  overview: o,
  statements,
  requests,
  preset,
  invalidField,
}: {
  overview: AccountOverview;
  statements: MonthStatement[];
  requests: LimitRequestView[];
  preset: RangePreset;
  invalidField: string | null;
}) {
  const [locale, setLocale] = useLocale();
  const t = DASHBOARD_STRINGS[locale];
  const [pending, setPending] = useState(false);
  const onPending = useCallback((p: boolean) => setPending(p), []);

  return (
    <>
      <TopBar current="dashboard" locale={locale} onLocaleChange={setLocale} />
      <main className={`page ${styles.page}`} data-testid="dashboard" aria-busy={pending}>
        <div className="page-head">
          <div>
            <h1>{t.title}</h1>
            <p className="subtle page-sub">{fmt(t.subtitle, { account: o.account.name })}</p>
            {o.fx && (
              <p className="subtle small page-sub" data-testid="fx-note">
                {fmt(t.fxNote, { rate: o.fx.rate })}
              </p>
            )}
          </div>
        </div>
        <div className={styles.rangeBar}>
          <RangePicker preset={preset} from={o.from} to={o.to} today={o.today.day} t={t} onPending={onPending} />
          <span className="subtle small" data-testid="range-shown">
            {fmt(t.rangeShown, { from: o.from, to: o.to, days: dayCount(o.from, o.to) })}
            {o.bucket === "hour" ? ` ${t.rangeHourly}` : ""}
          </span>
        </div>
        {invalidField && (
          <p className="notice warn" role="alert" data-testid="range-invalid">
            {fmt(t.rangeInvalid, { field: invalidField })}
          </p>
        )}
        <div className={`${styles.body} ${pending ? styles.pending : ""}`}>
          <Alerts alerts={o.alerts} t={t} fx={o.fx} />
          <OverviewCards o={o} t={t} />
          <section className="card" aria-label={t.keysTitle} data-testid="keys-card">
            <div className="card-head">
              <div>
                <h2>{t.keysTitle}</h2>
                <p className="subtle small card-sub">{t.keysSub}</p>
              </div>
              <CreateAccountKey t={t} />
            </div>
            <KeysTable keys={o.keys} t={t} fx={o.fx} />
          </section>
          <DashboardCharts o={o} t={t} />
          <div className={styles.chartsRow}>
            <Statements months={statements} t={t} fx={o.fx} />
            <ExportCard from={o.from} to={o.to} keys={o.keys} t={t} />
          </div>
          <LimitRequests keys={o.keys} requests={requests} t={t} />
        </div>
      </main>
    </>
  );
}
