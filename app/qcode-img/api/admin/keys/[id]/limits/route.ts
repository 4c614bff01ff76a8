import { readJsonBody } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { getStaffKey } from "@/lib/console/key-view";
import { idParam } from "@/lib/console/route-input";
import { staffVerbContext } from "@/lib/api/verb-context";
import { changeKeyLimits } from "@/lib/limits/change-key-limits";

export const dynamic = "force-dynamic";

export const POST = withStaff(async (ctx) => {
  const keyId = idParam(ctx.params, "Key");
  await changeKeyLimits({ ctx: staffVerbContext(ctx), input: { keyId, body: await readJsonBody(ctx.req) } });
  return Response.json(await getStaffKey(ctx.db, keyId, ctx.now));
});
