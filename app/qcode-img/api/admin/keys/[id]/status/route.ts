import { readJsonBody } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { getStaffKey } from "@/lib/console/key-view";
import { idParam } from "@/lib/console/route-input";
import { verbContext } from "@/lib/console/verb-context";
import { setKeyStatus } from "@/lib/limits/set-key-status";

export const dynamic = "force-dynamic";

export const POST = withStaff(async (ctx) => {
  const keyId = idParam(ctx.params, "Key");
  await setKeyStatus({ ctx: verbContext(ctx), input: { keyId, body: await readJsonBody(ctx.req) } });
  return Response.json(await getStaffKey(ctx.db, keyId, ctx.now));
});
