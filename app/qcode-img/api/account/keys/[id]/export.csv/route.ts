import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { billingDay } from "@/lib/time/billing-day";
import { parseCallFilters } from "@/lib/usage/calls";
import { csvResponse } from "@/lib/usage/csv";
import { keyScope } from "@/lib/usage/overview";
import { firstCallDay } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  const { limit: _limit, cursor: _cursor, ...filters } = parseCallFilters(url.searchParams, billingDay(now), await firstCallDay(db, keyScope(key)));
  const name = `imgledger-${key.alias.replace(/[^\w.-]/g, "_")}-${filters.from}-${filters.to}.csv`;
  return csvResponse(db, keyScope(key), filters, name);
});
