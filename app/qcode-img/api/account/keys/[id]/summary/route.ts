import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { keyScope } from "@/lib/usage/overview";
import { requestRange } from "@/lib/usage/range";
import { getSummary } from "@/lib/usage/summary";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  const range = await requestRange(db, keyScope(key), url.searchParams, now);
  return Response.json(await getSummary(db, keyScope(key), range, key.lastUsedAt));
});
