import { withStaff } from "@/lib/api/with-session";
import { keysNearLimit } from "@/lib/limits/near-limit";
import { listLimitRequestsForStaff } from "@/lib/limits/staff-limit-requests";
import { billingDay } from "@/lib/time/billing-day";
import { parseDayRange } from "@/lib/usage/range";
import { getServiceOverview } from "@/lib/usage/service-overview";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, url, now }) => {
  // The service as a whole: the 400-day window is not widened by any one key's history.
  const range = parseDayRange(url.searchParams, { today: billingDay(now), firstDay: null });
  const [overview, nearLimit, pendingRequests] = await Promise.all([
    getServiceOverview(db, range),
    keysNearLimit(db, now),
    listLimitRequestsForStaff(db, "pending", 50),
  ]);
  return Response.json({ ...overview, nearLimit, pendingRequests });
});
