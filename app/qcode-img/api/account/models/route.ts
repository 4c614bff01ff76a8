import { withSession } from "@/lib/api/with-session";
import { getModelBreakdown } from "@/lib/usage/models";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = await requestRange(db, { accountId }, url.searchParams, now);
  return Response.json({ from: range.from, to: range.to, models: await getModelBreakdown(db, { accountId }, range) });
});
