import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { getKeyOverview } from "@/lib/usage/overview";
import { keyScope } from "@/lib/usage/overview";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

/** The self-service overview of one key of the account (last 30 days unless from/to say otherwise). */
export const GET = withSession(async ({ db, accountId, now, url, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  return Response.json(await getKeyOverview(db, key, now, await requestRange(db, keyScope(key), url.searchParams, now)));
});
