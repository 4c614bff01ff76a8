import { parseInput, readJsonBody } from "@/lib/api/parse-input";
import { staffVerbContext } from "@/lib/api/verb-context";
import { withStaff } from "@/lib/api/with-session";
import { getStaffKey } from "@/lib/console/key-view";
import { idParam } from "@/lib/console/route-input";
import { setKeyStatus, staffKeyStatusInput } from "@/lib/keys/set-key-status";

export const dynamic = "force-dynamic";

/** `{ status, reason }`: the same verb as the customer's own disable, with staff's reason. */
export const POST = withStaff(async (ctx) => {
  const keyId = idParam(ctx.params, "Key");
  const body = parseInput(staffKeyStatusInput, await readJsonBody(ctx.req));
  await setKeyStatus({ ctx: staffVerbContext(ctx), input: { keyId, ...body } });
  return Response.json(await getStaffKey(ctx.db, keyId, ctx.now));
});
