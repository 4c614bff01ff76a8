import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { getBreakdown } from "@/lib/usage/breakdown";
import { keyScope, lastDays } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now }) => Response.json(await getBreakdown(db, keyScope(await staffKeyById(db, params)), lastDays(now))));
