import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { keyScope, lastDays } from "@/lib/usage/overview";
import { getSummary } from "@/lib/usage/summary";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now }) => {
  const key = await staffKeyById(db, params);
  return Response.json(await getSummary(db, keyScope(key), lastDays(now), key.lastUsedAt));
});
