"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { parseAsString, useQueryStates } from "nuqs";
import { formatUsd } from "@/lib/pricing/format";
import type { NearLimitKey } from "@/lib/limits/near-limit";
import type { StaffLimitRequest } from "@/lib/limits/staff-limit-requests";
import type { ServiceOverview, TopRow } from "@/lib/usage/service-overview";
import { ERROR_GROUP_COLORS } from "../../_components/chart-format";
import { formatCount, formatPercent } from "../../usage/format.client";
import type { ConsoleStrings } from "./dictionary";
import { LoadState } from "./console-page";
import { useJson } from "./use-json.client";
import { DataTable } from "../../_components/data-table";
import { StatCard } from "../../_components/stat-card";
import { RequestCells, RequestHeadCells } from "./request-cells";

const DailyTrendChart = dynamic(() => import("../../_components/daily-trend-chart"), {
  ssr: false,
  loading: () => <div className="skeleton chart-skeleton" />,
});

export type OverviewResponse = ServiceOverview & { nearLimit: NearLimitKey[]; pendingRequests: StaffLimitRequest[] };

/** Today's billing day (Asia/Shanghai), in the browser. */
export function billingToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const PRESETS = [7, 30, 90] as const;

/** The service overview; its range lives in the URL (?from=&to=), so a link shows the same view. */
export function ServiceOverviewSection({ t }: { t: ConsoleStrings }) {
  const [range, setRange] = useQueryStates({ from: parseAsString, to: parseAsString });
  const today = billingToday();
  const to = range.to ?? today;
  const from = range.from ?? addDays(to, -29);
  const [state, reload] = useJson<OverviewResponse>(`/overview?from=${from}&to=${to}`);
  const data = state.data;
  const preset = PRESETS.find((d) => to === today && from === addDays(today, -(d - 1)));

  return (
    <>
      <div className="row range-row" role="group" aria-label={t.range}>
        <div className="seg">
          {PRESETS.map((d) => (
            <button key={d} type="button" aria-pressed={preset === d} onClick={() => void setRange({ from: addDays(today, -(d - 1)), to: today })}>
              {t[`last${d}` as "last7"]}
            </button>
          ))}
        </div>
        <label className="field inline">
          {t.from}
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && void setRange({ from: e.target.value, to })} />
        </label>
        <label className="field inline">
          {t.to}
          <input type="date" value={to} min={from} onChange={(e) => e.target.value && void setRange({ from, to: e.target.value })} />
        </label>
        {state.phase === "loading" && data && <span className="spinner" aria-label={t.loading} />}
      </div>
      {state.phase === "error" && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
      {!data && state.phase === "loading" && (
        <div className="grid grid-4">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="card">
              <LoadState phase="loading" t={t} lines={2} />
            </div>
          ))}
        </div>
      )}
      {data && <OverviewBody data={data} t={t} />}
    </>
  );
}

function OverviewBody({ data, t }: { data: OverviewResponse; t: ConsoleStrings }) {
  const days = data.days.map((d) => d.day);
  const sum = (k: "calls" | "images" | "costMicros" | "failedCalls") => data.days.reduce((s, d) => s + d[k], 0);
  const calls = sum("calls");
  const groups = (g: string) => data.errorsByCode.codes.filter((c) => c.group === g);
  const errorSeries = (g: string) =>
    groups(g).map((c, i) => ({ name: c.code, values: c.counts, color: ERROR_GROUP_COLORS[g]![i % 4]! }));
  return (
    <div className="console-overview" data-testid="service-overview">
      <div className="grid grid-4 stat-grid">
        <StatCard label={t.calls} value={formatCount(calls)} />
        <StatCard label={t.images} value={formatCount(sum("images"))} />
        <StatCard label={t.revenue} value={formatUsd(sum("costMicros"))} />
        <StatCard label={t.failed} value={`${formatCount(sum("failedCalls"))} · ${formatPercent(calls ? sum("failedCalls") / calls : 0)}`} />
      </div>
      <div className="grid grid-2">
        <PendingQueue rows={data.pendingRequests} t={t} />
        <NearLimit rows={data.nearLimit} t={t} />
      </div>
      <div className="grid grid-2">
        <ChartCard title={t.revenuePerDay}>
          <DailyTrendChart
            days={days}
            series={[
              { name: t.imageCost, values: data.days.map((d) => d.imageCostMicros / 1e6), color: "#2541b2" },
              { name: t.chatCost, values: data.days.map((d) => d.chatCostMicros / 1e6), color: "#2fa37a" },
            ]}
            unit="usd"
            xName={t.day}
            yName="USD"
            totalLabel={t.total}
            emptyText={t.noData}
            label={t.revenuePerDay}
          />
        </ChartCard>
        <ChartCard title={t.imagesPerDay}>
          <DailyTrendChart
            days={days}
            series={[{ name: t.images, values: data.days.map((d) => d.images), color: "#5b7fee" }]}
            unit="count"
            xName={t.day}
            yName={t.images}
            totalLabel={t.total}
            emptyText={t.noData}
            label={t.imagesPerDay}
          />
        </ChartCard>
        <ChartCard title={t.callsPerDay}>
          <DailyTrendChart
            days={days}
            series={[
              { name: t.okCalls, values: data.days.map((d) => d.calls - d.failedCalls), color: "#9db4f5" },
              { name: t.failed, values: data.days.map((d) => d.failedCalls), color: "#c0262d" },
            ]}
            unit="count"
            xName={t.day}
            yName={t.calls}
            totalLabel={t.total}
            emptyText={t.noData}
            label={t.callsPerDay}
          />
        </ChartCard>
        <section className="card">
          <h2>{t.errorRates}</h2>
          <DataTable
            empty={data.errorsByCode.codes.length === 0}
            emptyText={t.noErrors}
            head={
              <tr>
                <th>{t.code}</th>
                <th className="num">{t.calls}</th>
                <th className="num">{t.rate}</th>
              </tr>
            }
          >
            {data.errorsByCode.codes.map((c) => (
              <tr key={c.code}>
                <td className="wrap">
                  <span className={`dot ${c.group}`} /> <code>{c.code}</code>
                </td>
                <td className="num">{formatCount(c.total)}</td>
                <td className="num">{formatPercent(calls ? c.total / calls : 0)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
        <ChartCard title={t.errorsLimits}>
          <DailyTrendChart days={days} series={errorSeries("limits")} unit="count" xName={t.day} yName={t.calls} totalLabel={t.total} emptyText={t.noErrors} label={t.errorsLimits} />
        </ChartCard>
        <ChartCard title={t.errorsService}>
          <DailyTrendChart days={days} series={errorSeries("service")} unit="count" xName={t.day} yName={t.calls} totalLabel={t.total} emptyText={t.noErrors} label={t.errorsService} />
        </ChartCard>
      </div>
      <div className="grid grid-2">
        <TopTable title={`${t.topAccounts} ${t.bySpend}`} rows={data.topAccounts.bySpend} kind="account" t={t} />
        <TopTable title={`${t.topAccounts} ${t.byImages}`} rows={data.topAccounts.byImages} kind="account" t={t} />
        <TopTable title={`${t.topKeys} ${t.bySpend}`} rows={data.topKeys.bySpend} kind="key" t={t} />
        <TopTable title={`${t.topKeys} ${t.byImages}`} rows={data.topKeys.byImages} kind="key" t={t} />
      </div>
    </div>
  );
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card chart-card">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function TopTable({ title, rows, kind, t }: { title: string; rows: TopRow[]; kind: "account" | "key"; t: ConsoleStrings }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      <DataTable
        empty={rows.length === 0}
        emptyText={t.noData}
        head={
          <tr>
            <th>{kind === "account" ? t.account : t.key}</th>
            <th className="num">{t.images}</th>
            <th className="num">{t.spend}</th>
          </tr>
        }
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="wrap">
              <Link href={kind === "account" ? `/qcode-img/admin/accounts/${r.id}` : `/qcode-img/admin/keys/${r.id}`}>{r.label}</Link>
              {kind === "key" && <div className="subtle small">{r.accountName}</div>}
            </td>
            <td className="num">{formatCount(r.images)}</td>
            <td className="num">{formatUsd(r.costMicros)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function NearLimit({ rows, t }: { rows: NearLimitKey[]; t: ConsoleStrings }) {
  const limitName = { daily_images: t.dailyImageCap, daily_cost: t.dailyCostLimitMicros, total_cost: t.totalCostLimitMicros };
  const money = (r: NearLimitKey, v: number) => (r.limit === "daily_images" ? formatCount(v) : formatUsd(v));
  return (
    <section className="card" data-testid="near-limit">
      <h2>{t.nearLimit}</h2>
      <DataTable
        empty={rows.length === 0}
        emptyText={t.nearNone}
        head={
          <tr>
            <th>{t.key}</th>
            <th>{t.limit}</th>
            <th className="num">{t.used}</th>
          </tr>
        }
      >
        {rows.map((r) => (
          <tr key={`${r.keyId}-${r.limit}`}>
            <td className="wrap">
              <Link href={`/qcode-img/admin/keys/${r.keyId}`}>{r.label}</Link>
              <div className="subtle small">{r.accountName}</div>
            </td>
            <td>{limitName[r.limit]}</td>
            <td className="num">
              <span className={`badge ${r.ratio >= 1 ? "danger" : "warn"}`}>{formatPercent(r.ratio)}</span>
              <div className="subtle small">
                {money(r, r.used)} / {money(r, r.cap)}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export function PendingQueue({ rows, t }: { rows: StaffLimitRequest[]; t: ConsoleStrings }) {
  return (
    <section className="card" data-testid="pending-queue">
      <div className="card-head">
        <h2>{t.pending}</h2>
        <Link className="btn small" href="/qcode-img/admin/limit-requests">
          {t.navRequests}
        </Link>
      </div>
      <DataTable
        empty={rows.length === 0}
        emptyText={t.pendingNone}
        className="stack-sm"
        head={
          <tr>
            <RequestHeadCells t={t} />
          </tr>
        }
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <RequestCells r={r} t={t} />
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
