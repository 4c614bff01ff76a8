import { accountVerbContext } from "@/lib/api/verb-context";
import { withSession } from "@/lib/api/with-session";
import { listLimitRequests } from "@/lib/limits/account-history";
import { createLimitRequest } from "@/lib/limits/create-limit-request";
import { readJsonBody } from "@/lib/api/parse-input";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId }) => Response.json({ requests: await listLimitRequests(db, accountId) }));

export const POST = withSession(async ({ db, accountId, user, now, req }) => {
  const created = await createLimitRequest({ ctx: accountVerbContext({ db, accountId, user, now }), input: await readJsonBody(req) });
  return Response.json(created, { status: 201 });
});
