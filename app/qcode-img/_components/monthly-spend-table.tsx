import type { ReactNode } from "react";
import { formatUsd } from "@/lib/pricing/format";
import type { MonthStatement } from "@/lib/usage/types";
import { formatCount } from "../usage/format.client";
import { DataTable } from "./data-table";

export type MonthlySpendLabels = {
  month: string;
  calls: string;
  images: string;
  imageCost: string;
  chatCost: string;
  total: string;
  priceBook: string;
  csv: string;
  empty: string;
};

/**
 * One row per Beijing calendar month (the account's statements): the customer's dashboard and
 * the console's account page show the same table. `total` renders the month's total (the
 * dashboard adds ≈ ¥ for CNY accounts); `csvHref` adds each month's CSV.
 */
export function MonthlySpendTable({
  months,
  labels: l,
  total = (micros) => formatUsd(micros),
  csvHref,
}: {
  months: MonthStatement[];
  labels: MonthlySpendLabels;
  total?: (micros: number) => ReactNode;
  csvHref?: (month: string) => string;
}) {
  return (
    <DataTable
      empty={months.length === 0}
      emptyText={l.empty}
      testId="monthly-spend"
      head={
        <tr>
          <th>{l.month}</th>
          <th className="num">{l.calls}</th>
          <th className="num">{l.images}</th>
          <th className="num">{l.imageCost}</th>
          <th className="num">{l.chatCost}</th>
          <th className="num">{l.total}</th>
          <th>{l.priceBook}</th>
          {csvHref && <th />}
        </tr>
      }
    >
      {months.map((m) => (
        <tr key={m.month} data-month={m.month}>
          <td>{m.month}</td>
          <td className="num">{formatCount(m.calls)}</td>
          <td className="num">{formatCount(m.images)}</td>
          <td className="num">
            <span className="money">{formatUsd(m.imageCostMicros)}</span>
          </td>
          <td className="num">
            <span className="money">{formatUsd(m.chatCostMicros)}</span>
          </td>
          <td className="num">
            <b>{total(m.costMicros)}</b>
          </td>
          <td>{m.priceBookVersions.length ? m.priceBookVersions.map((v) => `v${v}`).join(", ") : "–"}</td>
          {csvHref && (
            <td>
              <a className="btn small" href={csvHref(m.month)} download data-testid={`statement-csv-${m.month}`}>
                {l.csv}
              </a>
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
