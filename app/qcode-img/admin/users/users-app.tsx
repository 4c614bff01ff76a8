"use client";
import { useState } from "react";
import { postJson } from "../_console/api.client";
import { ConsolePage, LoadState, type ConsoleUser } from "../_console/console-page";
import type { ConsoleStrings } from "../_console/dictionary";
import { useJson } from "../_console/use-json.client";
import { StaffUsersTable, type StaffUserRow } from "../_console/users-table";


export function UsersApp({ user }: { user: ConsoleUser }) {
  const [state, reload] = useJson<{ users: StaffUserRow[] }>("/users");
  return (
    <ConsolePage user={user} section="users" title={(t) => t.navUsers}>
      {(t) => (
        <>
          <CreateUserForm t={t} onCreated={reload} />
          {state.phase === "error" && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
          {!state.data && state.phase === "loading" && <LoadState phase="loading" t={t} />}
          {state.data && (
            <section className="card">
              <StaffUsersTable users={state.data.users} t={t} withAccount />
            </section>
          )}
        </>
      )}
    </ConsolePage>
  );
}

function CreateUserForm({ t, onCreated }: { t: ConsoleStrings; onCreated: () => void }) {
  const [f, setF] = useState({ email: "", name: "", role: "support", accountId: "", password: "" });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMsg(null);
    try {
      const r = await postJson<{ email: string }>("/users", {
        email: f.email,
        name: f.name,
        role: f.role,
        password: f.password,
        ...(f.accountId ? { accountId: Number(f.accountId) } : {}),
      });
      setMsg({ ok: true, text: r.email });
      setF({ email: "", name: "", role: f.role, accountId: "", password: "" });
      onCreated();
    } catch (err) {
      setMsg({ ok: false, text: (err as Error).message });
    }
  }
  const field = (k: keyof typeof f, label: string, type = "text") => (
    <label className="field">
      {label}
      <input type={type} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} autoComplete="off" />
    </label>
  );
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t.createUser}</h2>
      <div className="inline-form">
        {field("email", t.email, "email")}
        {field("name", t.name)}
        <label className="field">
          {t.role}
          <select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })}>
            <option value="support">support</option>
            <option value="admin">admin</option>
            <option value="customer">customer</option>
          </select>
        </label>
        {f.role === "customer" && field("accountId", t.accountId)}
        {field("password", t.password, "password")}
        <button type="submit" className="btn primary">
          {t.create}
        </button>
      </div>
      {msg && <p className={`notice ${msg.ok ? "ok" : "error"}`}>{msg.text}</p>}
    </form>
  );
}
