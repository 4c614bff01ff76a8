import { readJsonBody } from "@/lib/api/parse-input";
import { staffVerbContext } from "@/lib/api/verb-context";
import { withStaff } from "@/lib/api/with-session";
import { idParam } from "@/lib/console/route-input";
import { denyLimitRequest, decisionView } from "@/lib/limits/decide-limit-request";

export const dynamic = "force-dynamic";

export const POST = withStaff(async (ctx) => {
  const requestId = idParam(ctx.params, "Limit request");
  return Response.json(decisionView(await denyLimitRequest({ ctx: staffVerbContext(ctx), input: { requestId, body: await readJsonBody(ctx.req) } })));
});
