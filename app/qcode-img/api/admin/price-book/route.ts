import { readJsonBody } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { staffVerbContext } from "@/lib/api/verb-context";
import { publishPriceBook } from "@/lib/pricing/publish-price-book";
import { listPriceBookVersions } from "@/lib/pricing/versions";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db }) => Response.json({ versions: await listPriceBookVersions(db) }));

export const POST = withStaff(
  async (ctx) => Response.json(await publishPriceBook({ ctx: staffVerbContext(ctx), input: { body: await readJsonBody(ctx.req) } }), { status: 201 }),
  { roles: ["admin"] },
);
