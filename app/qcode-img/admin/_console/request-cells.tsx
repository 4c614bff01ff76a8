"use client";
import Link from "next/link";
import type { StaffLimitRequest } from "@/lib/limits/staff-limit-requests";
import type { ConsoleStrings } from "./dictionary";
import { fieldLabel, limitValueText, when } from "./format.client";

/**
 * The columns that describe a limit request, the same in the overview's queue and the requests
 * page; each cell names its column (data-label) for the phone layout (`stack-sm`).
 */
export function RequestHeadCells({ t }: { t: ConsoleStrings }) {
  return (
    <>
      <th>{t.requestedAt}</th>
      <th>{t.key}</th>
      <th>{t.requested}</th>
      <th>{t.reason}</th>
    </>
  );
}

export function RequestCells({ r, t }: { r: StaffLimitRequest; t: ConsoleStrings }) {
  return (
    <>
      <td data-label={t.requestedAt}>
        <div>
          #{r.id}
          <div className="subtle small">{when(r.createdAt, t)}</div>
        </div>
      </td>
      <td className="wrap" data-label={t.key}>
        <div>
          <Link href={`/qcode-img/admin/keys/${r.keyId}`}>{r.keyLabel}</Link>
          <div className="subtle small">
            <Link href={`/qcode-img/admin/accounts/${r.accountId}`}>{r.accountName}</Link>
            {r.requestedBy && ` · ${r.requestedBy}`}
          </div>
        </div>
      </td>
      <td className="wrap" data-label={t.requested}>
        <span>
          {fieldLabel(r.field, t)}: <b>{limitValueText(r.field, r.value, t)}</b>
        </span>
      </td>
      <td className="wrap" data-label={t.reason}>
        {r.reason}
      </td>
    </>
  );
}
