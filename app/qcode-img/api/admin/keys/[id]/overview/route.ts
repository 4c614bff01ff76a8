import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { getKeyOverview } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

/** The self-service usage endpoints for any key, for staff: the shared usage view reads these. */
export const GET = withStaff(async ({ db, params, now }) => Response.json(await getKeyOverview(db, await staffKeyById(db, params), now)));
