import { withSession } from "@/lib/api/with-session";
import { billingDay } from "@/lib/time/billing-day";
import { getModelBreakdown } from "@/lib/usage/models";
import { parseDayRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = parseDayRange(url.searchParams, billingDay(now));
  return Response.json({ from: range.from, to: range.to, models: await getModelBreakdown(db, { accountId }, range) });
});
