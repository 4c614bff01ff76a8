import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { listLimitChanges, listLimitRequests } from "@/lib/limits/account-history";
import { KeyPage } from "./key-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Key" };

/** One key of the signed-in account: the self-service usage view through the session, and its limit history. */
export default async function DashboardKeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(["customer"], `/qcode-img/dashboard/keys/${encodeURIComponent(id)}`);
  const db = getDb();
  const key = await findAccountKey(db, user.accountId!, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const [changes, requests] = await Promise.all([listLimitChanges(db, user.accountId!, key.id), listLimitRequests(db, user.accountId!, key.id)]);
  return <KeyPage keyId={key.id} alias={key.alias} display={key.display} changes={changes} requests={requests} />;
}
