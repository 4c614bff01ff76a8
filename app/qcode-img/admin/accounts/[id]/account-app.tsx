"use client";
import Link from "next/link";
import type { StaffKeyView } from "@/lib/console/key-view";
import { formatUsd } from "@/lib/pricing/format";
import type { MonthStatement } from "@/lib/usage/types";
import type { AuditRow } from "@/lib/console/audit";
import { CreateKeyDialog, type CreatedKey } from "../../../_components/create-key-dialog";
import { MonthlySpendTable } from "../../../_components/monthly-spend-table";
import { postJson } from "../../_console/api.client";
import { AuditTable } from "../../_console/audit-table";
import { ConsolePage, LoadState, type ConsoleUser } from "../../_console/console-page";
import type { ConsoleStrings } from "../../_console/dictionary";
import { when } from "../../_console/format.client";
import { useJson } from "../../_console/use-json.client";
import { StaffUsersTable } from "../../_console/users-table";
import { DataTable } from "../../../_components/data-table";

type AccountView = {
  id: number;
  name: string;
  currency: string;
  createdAt: string;
  keys: StaffKeyView[];
  users: { id: number; email: string; name: string; role: string; disabledAt: string | null; lastSignInAt: string | null }[];
  spendByMonth: MonthStatement[];
  audit: AuditRow[];
};

export function AccountApp({ user, accountId }: { user: ConsoleUser; accountId: number }) {
  const [state, reload] = useJson<AccountView>(`/accounts/${accountId}`);
  const a = state.data;
  return (
    <ConsolePage
      user={user}
      section="none"
      title={(t) => a?.name ?? t.account}
      sub={(t) => a && `${t.currency}: ${a.currency} · #${a.id}`}
      actions={(t) => a && <CreateKeyForAccount accountId={a.id} t={t} onCreated={reload} />}
    >
      {(t) => (
        <>
          {state.phase === "error" && !a && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
          {!a && state.phase === "loading" && <LoadState phase="loading" t={t} lines={5} />}
          {a && (
            <>
              <KeysTable keys={a.keys} t={t} />
              <MonthsTable months={a.spendByMonth} t={t} />
              <section className="card">
                <h2>{t.users}</h2>
                <StaffUsersTable users={a.users} t={t} />
              </section>
              <section className="card">
                <div className="card-head">
                  <h2>{t.audit}</h2>
                  <a className="btn small" href={`/qcode-img/api/admin/audit.csv?accountId=${a.id}`} download>
                    {t.downloadCsv}
                  </a>
                </div>
                <AuditTable rows={a.audit} t={t} />
              </section>
            </>
          )}
        </>
      )}
    </ConsolePage>
  );
}

function KeysTable({ keys, t }: { keys: StaffKeyView[]; t: ConsoleStrings }) {
  const statusText = { active: t.active, disabled: t.disabled, expired: t.expired };
  return (
    <section className="card">
      <h2>{t.keys}</h2>
      <DataTable
        empty={keys.length === 0}
        emptyText={t.noKeys}
        head={
          <tr>
            <th>{t.key}</th>
            <th>{t.status}</th>
            <th className="num">{t.today}</th>
            <th className="num">{t.total}</th>
            <th>{t.lastUsed}</th>
          </tr>
        }
      >
        {keys.map((k) => (
          <tr key={k.id}>
            <td className="wrap">
              <Link href={`/qcode-img/admin/keys/${k.id}`}>{k.alias}</Link> <code className="subtle">{k.display}</code>
            </td>
            <td>
              <span className={`badge ${k.status === "active" ? "ok" : "danger"}`}>{statusText[k.status]}</span>
            </td>
            <td className="num">
              {k.today.images} / {k.inForce.dailyImageCap.value}
            </td>
            <td className="num">{formatUsd(k.spentTotalMicros)}</td>
            <td>{when(k.lastUsedAt, t)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** The account's statements: the same table the customer sees on their dashboard. */
function MonthsTable({ months, t }: { months: MonthStatement[]; t: ConsoleStrings }) {
  return (
    <section className="card">
      <h2>{t.spendByMonth}</h2>
      <MonthlySpendTable
        months={months}
        labels={{
          month: t.month,
          calls: t.calls,
          images: t.images,
          imageCost: t.imageCost,
          chatCost: t.chatCost,
          total: t.total,
          priceBook: t.navPriceBook,
          csv: "CSV",
          empty: t.noData,
        }}
      />
    </section>
  );
}

/** The console's "Create key" for this account: the app's one create-key dialog. */
function CreateKeyForAccount({ accountId, t, onCreated }: { accountId: number; t: ConsoleStrings; onCreated: () => void }) {
  return (
    <CreateKeyDialog
      labels={{ ...t, newKeyTitle: t.keyCreated, newKeyWarning: t.keyOnce }}
      create={(alias) => postJson<CreatedKey>(`/accounts/${accountId}/keys`, { alias })}
      onCreated={onCreated}
      extra={(created) => (
        <Link className="btn" href={`/qcode-img/admin/keys/${created.id}`}>
          {created.display}
        </Link>
      )}
    />
  );
}
