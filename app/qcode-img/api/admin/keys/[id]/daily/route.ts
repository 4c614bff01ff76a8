import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { getDailySeries } from "@/lib/usage/daily";
import { keyScope, lastDays } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now }) => Response.json(await getDailySeries(db, keyScope(await staffKeyById(db, params)), lastDays(now))));
