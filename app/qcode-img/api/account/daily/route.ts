import { withSession } from "@/lib/api/with-session";
import { requestRange } from "@/lib/usage/range";
import { getTimeSeries } from "@/lib/usage/time-series";

export const dynamic = "force-dynamic";

/** The account's series per day, or per hour when the range is 2 days or less. */
export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = await requestRange(db, { accountId }, url.searchParams, now);
  return Response.json((await getTimeSeries(db, { accountId }, range)).daily);
});
