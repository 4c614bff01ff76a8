"use client";
import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { useState } from "react";
import type { StaffKeyView } from "@/lib/console/key-view";
import { formatUsd } from "@/lib/pricing/format";
import type { MonthSpend } from "@/lib/usage/monthly-spend";
import type { AuditRow } from "@/lib/console/audit";
import { formatCount } from "../../../usage/format.client";
import { postJson } from "../../_console/api.client";
import { AuditTable } from "../../_console/audit-table";
import { ConsolePage, LoadState, type ConsoleUser } from "../../_console/console-page";
import type { ConsoleStrings } from "../../_console/dictionary";
import { when } from "../../_console/format.client";
import { useJson } from "../../_console/use-json.client";

type AccountView = {
  id: number;
  name: string;
  currency: string;
  createdAt: string;
  keys: StaffKeyView[];
  users: { id: number; email: string; name: string; role: string; disabledAt: string | null; lastSignInAt: string | null }[];
  spendByMonth: MonthSpend[];
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
              <div className="grid grid-2">
                <MonthsTable months={a.spendByMonth} t={t} />
                <UsersTable users={a.users} t={t} />
              </div>
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
      {keys.length === 0 ? (
        <p className="empty">{t.noKeys}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t.key}</th>
                <th>{t.status}</th>
                <th className="num">{t.today}</th>
                <th className="num">{t.total}</th>
                <th>{t.lastUsed}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MonthsTable({ months, t }: { months: MonthSpend[]; t: ConsoleStrings }) {
  return (
    <section className="card">
      <h2>{t.spendByMonth}</h2>
      {months.length === 0 ? (
        <p className="empty">{t.noData}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t.month}</th>
                <th className="num">{t.images}</th>
                <th className="num">{t.imageCost}</th>
                <th className="num">{t.chatCost}</th>
                <th className="num">{t.total}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <td>{m.month}</td>
                  <td className="num">{formatCount(m.images)}</td>
                  <td className="num">{formatUsd(m.imageCostMicros)}</td>
                  <td className="num">{formatUsd(m.chatCostMicros)}</td>
                  <td className="num">
                    <b>{formatUsd(m.costMicros)}</b>
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

function UsersTable({ users, t }: { users: AccountView["users"]; t: ConsoleStrings }) {
  return (
    <section className="card">
      <h2>{t.users}</h2>
      {users.length === 0 ? (
        <p className="empty">{t.noUsers}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t.email}</th>
                <th>{t.status}</th>
                <th>{t.lastUsed}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="wrap">{u.email}</td>
                  <td>{u.disabledAt ? <span className="badge danger">{t.disabled}</span> : <span className="badge ok">{t.active}</span>}</td>
                  <td>{when(u.lastSignInAt, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
