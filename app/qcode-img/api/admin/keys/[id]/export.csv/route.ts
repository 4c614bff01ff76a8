import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { billingDay } from "@/lib/time/billing-day";
import { parseCallFilters } from "@/lib/usage/calls";
import { streamCallsCsv } from "@/lib/usage/csv";
import { keyScope } from "@/lib/usage/overview";
import { firstCallDay } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now, url }) => {
  const key = await staffKeyById(db, params);
  const { limit: _limit, cursor: _cursor, ...filters } = parseCallFilters(url.searchParams, billingDay(now), await firstCallDay(db, keyScope(key)));
  return new Response(streamCallsCsv(db, keyScope(key), filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="imgledger-${key.alias.replace(/[^\w.-]/g, "_")}-${filters.from}-${filters.to}.csv"`,
    },
  });
});
