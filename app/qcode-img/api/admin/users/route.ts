import { readJsonBody } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { staffVerbContext } from "@/lib/api/verb-context";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db }) => Response.json({ users: await listUsers(db) }), { roles: ["admin"] });

export const POST = withStaff(
  async (ctx) => Response.json(await createUser({ ctx: staffVerbContext(ctx), input: { body: await readJsonBody(ctx.req) } }), { status: 201 }),
  { roles: ["admin"] },
);
