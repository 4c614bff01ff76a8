import { withStaff } from "@/lib/api/with-session";
import { getStaffAccount } from "@/lib/console/account-view";
import { idParam } from "@/lib/console/route-input";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now }) => Response.json(await getStaffAccount(db, idParam(params, "Account"), now)));
