import { readJsonBody } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { idParam } from "@/lib/console/route-input";
import { staffVerbContext } from "@/lib/api/verb-context";
import { createAccountKey } from "@/lib/keys/create-account-key";

export const dynamic = "force-dynamic";

/** The raw key is in this answer only. */
export const POST = withStaff(async (ctx) => {
  const accountId = idParam(ctx.params, "Account");
  const created = await createAccountKey({ ctx: staffVerbContext(ctx), input: { accountId, body: await readJsonBody(ctx.req) } });
  return Response.json(created, { status: 201 });
});
