import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { getErrorSeries } from "@/lib/usage/errors";
import { keyScope } from "@/lib/usage/overview";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now, url }) => {
  const key = await staffKeyById(db, params);
  const { from, to } = await requestRange(db, keyScope(key), url.searchParams, now);
  return Response.json(await getErrorSeries(db, keyScope(key), { from, to }));
});
