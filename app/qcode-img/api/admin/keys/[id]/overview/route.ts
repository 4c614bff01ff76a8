import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { getKeyOverview, keyScope } from "@/lib/usage/overview";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

/** The self-service usage endpoints for any key, for staff: the shared usage view reads these. */
export const GET = withStaff(async ({ db, params, now, url }) => {
  const key = await staffKeyById(db, params);
  const { from, to } = await requestRange(db, keyScope(key), url.searchParams, now);
  return Response.json(await getKeyOverview(db, key, now, { from, to }));
});
