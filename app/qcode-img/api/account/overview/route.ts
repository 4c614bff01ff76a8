import { withSession } from "@/lib/api/with-session";
import { billingDay } from "@/lib/time/billing-day";
import { getAccountOverview } from "@/lib/usage/account-overview";
import { parseDayRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

/** Everything the dashboard's overview shows, in one answer. */
export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = parseDayRange(url.searchParams, billingDay(now));
  return Response.json(await getAccountOverview(db, accountId, range, now));
});
