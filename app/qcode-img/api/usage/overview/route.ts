import { withKeyToken } from "@/lib/api/with-key-token";
import { getKeyOverview, keyScope } from "@/lib/usage/overview";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now, url }) => {
  const range = await requestRange(db, keyScope(key), url.searchParams, now);
  return Response.json(await getKeyOverview(db, key, now, { from: range.from, to: range.to }));
});
