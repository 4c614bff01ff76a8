import { withStaff } from "@/lib/api/with-session";
import { getStaffKey } from "@/lib/console/key-view";
import { idParam } from "@/lib/console/route-input";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, params, now }) => Response.json(await getStaffKey(db, idParam(params, "Key"), now)));
