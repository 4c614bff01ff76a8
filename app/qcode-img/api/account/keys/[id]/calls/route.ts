import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { billingDay } from "@/lib/time/billing-day";
import { listCalls, parseCallFilters } from "@/lib/usage/calls";
import { keyScope } from "@/lib/usage/overview";
import { firstCallDay } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  const { limit, cursor, ...filters } = parseCallFilters(url.searchParams, billingDay(now), await firstCallDay(db, keyScope(key)));
  return Response.json(await listCalls(db, keyScope(key), filters, { limit, cursor }));
});
