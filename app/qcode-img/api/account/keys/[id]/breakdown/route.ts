import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { billingDay } from "@/lib/time/billing-day";
import { getBreakdown } from "@/lib/usage/breakdown";
import { keyScope } from "@/lib/usage/overview";
import { parseDayRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  const range = parseDayRange(url.searchParams, billingDay(now));
  return Response.json(await getBreakdown(db, keyScope(key), range));
});
