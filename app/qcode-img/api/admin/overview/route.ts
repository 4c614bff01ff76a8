import { withStaff } from "@/lib/api/with-session";
import { rangeParam } from "@/lib/console/route-input";
import { keysNearLimit } from "@/lib/limits/near-limit";
import { listLimitRequestsForStaff } from "@/lib/limits/staff-limit-requests";
import { getServiceOverview } from "@/lib/usage/service-overview";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, url, now }) => {
  const range = rangeParam(url, now);
  const [overview, nearLimit, pendingRequests] = await Promise.all([
    getServiceOverview(db, range),
    keysNearLimit(db, now),
    listLimitRequestsForStaff(db, "pending", 50),
  ]);
  return Response.json({ ...overview, nearLimit, pendingRequests });
});
