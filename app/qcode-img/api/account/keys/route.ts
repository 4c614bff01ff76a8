import { accountVerbContext } from "@/lib/api/verb-context";
import { withSession } from "@/lib/api/with-session";
import { createAccountKey } from "@/lib/keys/create-account-key";
import { readJsonBody } from "@/lib/api/parse-input";
import { getKeyRows } from "@/lib/usage/keys-table";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = await requestRange(db, { accountId }, url.searchParams, now);
  return Response.json({ from: range.from, to: range.to, keys: await getKeyRows(db, accountId, range, now) });
});

/** A new key: the raw value is in this answer only. */
export const POST = withSession(async ({ db, accountId, user, now, req }) => {
  const created = await createAccountKey({ ctx: accountVerbContext({ db, accountId, user, now }), input: { accountId, body: await readJsonBody(req) } });
  return Response.json(created, { status: 201 });
});
