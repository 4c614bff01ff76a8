import { withSession } from "@/lib/api/with-session";
import { getAccountOverview } from "@/lib/usage/account-overview";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

/** Everything the dashboard's overview shows, in one answer. */
export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = await requestRange(db, { accountId }, url.searchParams, now);
  return Response.json(await getAccountOverview(db, accountId, range, now));
});
