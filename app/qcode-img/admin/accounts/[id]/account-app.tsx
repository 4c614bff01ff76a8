"use client";
import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { useState } from "react";
import type { StaffKeyView } from "@/lib/console/key-view";
import { formatUsd } from "@/lib/pricing/format";
import type { MonthStatement } from "@/lib/usage/types";
import type { AuditRow } from "@/lib/console/audit";
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
      actions={(t) => a && <CreateKeyDialog accountId={a.id} t={t} onCreated={reload} />}
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

/** Creates a key; the raw key is shown once, in the dialog, and dropped when it closes. */
function CreateKeyDialog({ accountId, t, onCreated }: { accountId: number; t: ConsoleStrings; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [alias, setAlias] = useState("");
  const [created, setCreated] = useState<{ id: number; key: string; display: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  function change(next: boolean) {
    setOpen(next);
    if (!next) {
      if (created) onCreated();
      setCreated(null);
      setAlias("");
      setError(null);
      setCopied(false);
    }
  }
  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await postJson<{ id: number; key: string; display: string }>(`/accounts/${accountId}/keys`, { alias }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog.Root open={open} onOpenChange={change}>
      <Dialog.Trigger asChild>
        <button type="button" className="btn primary">
          {t.createKey}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title>{created ? t.keyCreated : t.createKey}</Dialog.Title>
          {created ? (
            <>
              <p className="notice warn">{t.keyOnce}</p>
              <div className="secret" data-testid="new-key">
                {created.key}
              </div>
              <div className="row">
                <button
                  type="button"
                  className="btn"
                  onClick={() => void navigator.clipboard?.writeText(created.key).then(() => setCopied(true))}
                >
                  {copied ? t.copied : t.copy}
                </button>
                <Link className="btn" href={`/qcode-img/admin/keys/${created.id}`}>
                  {created.display}
                </Link>
                <Dialog.Close asChild>
                  <button type="button" className="btn primary">
                    {t.close}
                  </button>
                </Dialog.Close>
              </div>
            </>
          ) : (
            <form className="inline-form" onSubmit={create}>
              <label className="field" style={{ flex: 1 }}>
                {t.alias}
                <input value={alias} onChange={(e) => setAlias(e.target.value)} name="alias" autoFocus />
              </label>
              <button type="submit" className="btn primary" disabled={busy}>
                {t.create}
              </button>
              <Dialog.Close asChild>
                <button type="button" className="btn">
                  {t.cancel}
                </button>
              </Dialog.Close>
              {error && (
                <p className="notice error" role="alert" style={{ flexBasis: "100%" }}>
                  {error}
                </p>
              )}
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
