import { withSession } from "@/lib/api/with-session";
import { billingDay } from "@/lib/time/billing-day";
import { lastUsedOfAccount } from "@/lib/usage/account-overview";
import { parseDayRange } from "@/lib/usage/range";
import { getSummary } from "@/lib/usage/summary";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = parseDayRange(url.searchParams, billingDay(now));
  const last = await lastUsedOfAccount(db, accountId);
  return Response.json(await getSummary(db, { accountId }, range, last ? new Date(last.at) : null));
});
