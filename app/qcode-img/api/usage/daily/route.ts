import { withKeyToken } from "@/lib/api/with-key-token";
import { getDailySeries } from "@/lib/usage/daily";
import { keyScope } from "@/lib/usage/overview";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now, url }) => {
  const { from, to } = await requestRange(db, keyScope(key), url.searchParams, now);
  return Response.json(await getDailySeries(db, keyScope(key), { from, to }));
});
