import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { billingDay } from "@/lib/time/billing-day";
import { listCalls, parseCallFilters } from "@/lib/usage/calls";
import { keyScope } from "@/lib/usage/overview";
import { firstCallDay } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now, url }) => {
  const key = await staffKeyById(db, params);
  const { limit, cursor, ...filters } = parseCallFilters(url.searchParams, billingDay(now), await firstCallDay(db, keyScope(key)));
  return Response.json(await listCalls(db, keyScope(key), filters, { limit, cursor }));
});
