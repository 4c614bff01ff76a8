import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { listLimitChanges, listLimitRequests } from "@/lib/limits/account-history";

export const dynamic = "force-dynamic";

/** The key's limit changes and the account's requests about it. */
export const GET = withSession(async ({ db, accountId, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  const [changes, requests] = await Promise.all([listLimitChanges(db, accountId, key.id), listLimitRequests(db, accountId, key.id)]);
  return Response.json({ changes, requests });
});
