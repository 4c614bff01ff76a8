import { withSession } from "@/lib/api/with-session";
import { billingDay } from "@/lib/time/billing-day";
import { parseDayRange } from "@/lib/usage/range";
import { getTimeSeries } from "@/lib/usage/time-series";

export const dynamic = "force-dynamic";

/** The account's series per day, or per hour when the range is 2 days or less. */
export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = parseDayRange(url.searchParams, billingDay(now));
  return Response.json((await getTimeSeries(db, { accountId }, range)).daily);
});
