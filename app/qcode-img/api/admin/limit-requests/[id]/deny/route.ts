import { readJsonBody } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { idParam } from "@/lib/console/route-input";
import { staffVerbContext } from "@/lib/api/verb-context";
import { denyLimitRequest } from "@/lib/limits/decide-limit-request";

export const dynamic = "force-dynamic";

export const POST = withStaff(async (ctx) => {
  const requestId = idParam(ctx.params, "Limit request");
  const r = await denyLimitRequest({ ctx: staffVerbContext(ctx), input: { requestId, body: await readJsonBody(ctx.req) } });
  return Response.json({
    id: r.id,
    status: r.status,
    note: r.decisionNote,
    until: r.approvedUntil?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  });
});
