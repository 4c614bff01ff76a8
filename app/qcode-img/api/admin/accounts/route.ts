import { createAccount } from "@/lib/accounts/create-account";
import { readJsonBody } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { staffVerbContext } from "@/lib/api/verb-context";

export const dynamic = "force-dynamic";

export const POST = withStaff(
  async (ctx) => Response.json(await createAccount({ ctx: staffVerbContext(ctx), input: { body: await readJsonBody(ctx.req) } }), { status: 201 }),
  { roles: ["admin"] },
);
