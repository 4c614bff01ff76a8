import { retrieveModel } from "@/lib/gateway/routes";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ model: string }> }) {
  return retrieveModel(req, (await ctx.params).model);
}
