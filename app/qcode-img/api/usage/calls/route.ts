import { withKeyToken } from "@/lib/api/with-key-token";
import { billingDay } from "@/lib/time/billing-day";
import { listCalls, parseCallFilters } from "@/lib/usage/calls";
import { keyScope } from "@/lib/usage/overview";
import { firstCallDay } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now, url }) => {
  const { limit, cursor, ...filters } = parseCallFilters(url.searchParams, billingDay(now), await firstCallDay(db, keyScope(key)));
  return Response.json(await listCalls(db, keyScope(key), filters, { limit, cursor }));
});
