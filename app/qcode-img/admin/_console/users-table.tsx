"use client";
import Link from "next/link";
import { DataTable } from "../../_components/data-table";
import type { ConsoleStrings } from "./dictionary";
import { when } from "./format.client";

export type StaffUserRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  disabledAt: string | null;
  lastSignInAt: string | null;
  accountId?: number | null;
  accountName?: string | null;
};

/** Users as the console lists them: on the staff-users page (with their account) and on an account's page. */
export function StaffUsersTable({ users, t, withAccount = false }: { users: StaffUserRow[]; t: ConsoleStrings; withAccount?: boolean }) {
  return (
    <DataTable
      empty={users.length === 0}
      emptyText={t.noUsers}
      testId="users-table"
      head={
        <tr>
          <th>{t.email}</th>
          <th>{t.role}</th>
          {withAccount && <th>{t.account}</th>}
          <th>{t.status}</th>
          <th>{t.lastUsed}</th>
        </tr>
      }
    >
      {users.map((u) => (
        <tr key={u.id}>
          <td className="wrap">
            {u.email}
            {u.name && <div className="subtle small">{u.name}</div>}
          </td>
          <td>
            <span className="badge">{u.role}</span>
          </td>
          {withAccount && <td>{u.accountId ? <Link href={`/qcode-img/admin/accounts/${u.accountId}`}>{u.accountName}</Link> : "—"}</td>}
          <td>{u.disabledAt ? <span className="badge danger">{t.disabled}</span> : <span className="badge ok">{t.active}</span>}</td>
          <td>{when(u.lastSignInAt, t)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
