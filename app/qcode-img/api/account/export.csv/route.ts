import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { csvResponse } from "@/lib/usage/csv";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

/** Every call of the account, or of one of its keys (`key=id`), over the range. */
export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = await requestRange(db, { accountId }, url.searchParams, now);
  const keyParam = url.searchParams.get("key");
  const key = keyParam ? await findAccountKey(db, accountId, keyParam) : null;
  const name = `imgledger-${key ? key.alias.replace(/[^\w.-]/g, "_") : "account"}-${range.from}-${range.to}.csv`;
  return csvResponse(db, { accountId, keyId: key?.id }, range, name);
});
