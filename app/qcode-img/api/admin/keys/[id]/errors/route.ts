import { withStaff } from "@/lib/api/with-session";
import { staffKeyById } from "@/lib/console/route-input";
import { getErrorSeries } from "@/lib/usage/errors";
import { keyScope, lastDays } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now }) => Response.json(await getErrorSeries(db, keyScope(await staffKeyById(db, params)), lastDays(now))));
