"use client";
import {
  createSortedRowModel,
  flexRender,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import Link from "next/link";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { useMemo } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import type { KeyRow } from "@/lib/usage/types";
import { beijingMinute, formatCount } from "../usage/format.client";
import type { DashboardStrings } from "./dictionary";
import { KeyActions } from "./key-dialogs";
import { Money, moneyText, type Fx } from "./money";
import styles from "./dashboard.module.css";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, text: sortFn_text },
});

const SORTABLE = ["alias", "status", "lastUsedAt", "imagesToday", "rangeCostMicros", "spentTotalMicros"] as const;
type SortColumn = (typeof SORTABLE)[number];

/** The keys table's sort lives in the URL too (`sort`, `dir`), with the highest range spend first by default. */
const sortParsers = {
  sort: parseAsStringLiteral(SORTABLE).withDefault("rangeCostMicros"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("desc"),
};

/** "Which limit binds first", in plain words: the limit with the highest use ratio and where it stands. */
export function bindingText(k: KeyRow, t: DashboardStrings, fx: Fx): string {
  switch (k.binding) {
    case "daily_images":
      return fmt(t.bindDailyImages, { used: formatCount(k.imagesToday), cap: formatCount(k.dailyImageCap) });
    case "concurrency":
      return fmt(t.bindConcurrency, { used: k.inFlight, cap: k.concurrencyCap });
    case "daily_cost":
      return fmt(t.bindDailyCost, { used: moneyText(k.costTodayMicros, fx), cap: moneyText(k.dailyCostLimitMicros ?? 0, fx) });
    case "total_cost":
      return fmt(t.bindTotalCost, { used: moneyText(k.spentTotalMicros, fx), cap: moneyText(k.totalCostLimitMicros ?? 0, fx) });
    default:
      return t.bindNone;
  }
}

export function limitsText(k: KeyRow, t: DashboardStrings): string {
  const money = (m: number | null) => (m === null ? t.noLimit : moneyText(m, null));
  return fmt(t.limitsLine, {
    images: formatCount(k.dailyImageCap),
    conc: k.concurrencyCap,
    daily: money(k.dailyCostLimitMicros),
    total: money(k.totalCostLimitMicros),
  });
}

export function statusText(status: KeyRow["status"], t: DashboardStrings): string {
  return { active: t.statusActive, disabled: t.statusDisabled, expired: t.statusExpired }[status];
}

/** Every key of the account, sortable, with its actions (open, rename, disable/enable). */
export function KeysTable({ keys, t, fx }: { keys: KeyRow[]; t: DashboardStrings; fx: Fx }) {
  const [sortQuery, setSortQuery] = useQueryStates(sortParsers, { history: "replace" });
  const sorting: SortingState = [{ id: sortQuery.sort, desc: sortQuery.dir === "desc" }];

  const columns = useMemo<ColumnDef<typeof features, KeyRow>[]>(
    () => [
      {
        accessorKey: "alias",
        header: t.colKey,
        sortFn: "text",
        cell: ({ row }) => (
          <div className="key-cell">
            <Link href={`/qcode-img/dashboard/keys/${row.original.id}`} data-testid={`open-key-${row.original.alias}`}>
              <b>{row.original.alias}</b>
            </Link>
            <div className="subtle small">
              <code>{row.original.display}</code>
            </div>
          </div>
        ),
      },
      {
        accessorKey: "status",
        header: t.colStatus,
        sortFn: "text",
        cell: ({ row }) => (
          <span className={`badge ${row.original.status === "active" ? "ok" : "danger"}`}>{statusText(row.original.status, t)}</span>
        ),
      },
      {
        accessorFn: (k) => k.lastUsedAt ?? "",
        id: "lastUsedAt",
        header: t.colLastUsed,
        sortFn: "text",
        cell: ({ row }) => (row.original.lastUsedAt ? beijingMinute(row.original.lastUsedAt) : t.never),
      },
      {
        accessorKey: "imagesToday",
        header: t.colImagesToday,
        sortFn: "basic",
        meta: { num: true },
        cell: ({ row }) => `${formatCount(row.original.imagesToday)} / ${formatCount(row.original.dailyImageCap)}`,
      },
      {
        accessorKey: "rangeCostMicros",
        header: t.colRangeCost,
        sortFn: "basic",
        cell: ({ row }) => <Money micros={row.original.rangeCostMicros} fx={fx} />,
      },
      {
        accessorKey: "spentTotalMicros",
        header: t.colTotal,
        sortFn: "basic",
        cell: ({ row }) => <Money micros={row.original.spentTotalMicros} fx={fx} />,
      },
      {
        id: "limits",
        header: t.colLimits,
        enableSorting: false,
        cell: ({ row }) => (
          <div className={`small ${styles.wrapText}`}>
            {limitsText(row.original, t)}
            {row.original.temporaryUntil && (
              <div className="subtle">{fmt(t.temporaryUntil, { time: `${beijingMinute(row.original.temporaryUntil)} UTC+8` })}</div>
            )}
          </div>
        ),
      },
      {
        id: "binding",
        header: t.colBinding,
        enableSorting: false,
        cell: ({ row }) => <span className={`small ${styles.wrapText}`} data-testid={`binding-${row.original.alias}`}>{bindingText(row.original, t, fx)}</span>,
      },
      {
        id: "actions",
        header: "",
        enableSorting: false,
        cell: ({ row }) => <KeyActions k={row.original} t={t} />,
      },
    ],
    [t, fx],
  );

  const table = useTable({
    features,
    columns,
    data: keys,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (!first) return void setSortQuery({ sort: null, dir: null });
      void setSortQuery({ sort: first.id as SortColumn, dir: first.desc ? "desc" : "asc" });
    },
    enableSortingRemoval: false,
  });

  if (keys.length === 0) return <p className="empty">{t.noKeys}</p>;
  return (
    <div className="table-wrap">
      <table className="data keys-table" data-testid="keys-table">
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const canSort = h.column.getCanSort();
                return (
                  <th key={h.id} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                    {canSort ? (
                      <button type="button" className={styles.sortButton} onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden>{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-key-alias={row.original.alias}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
