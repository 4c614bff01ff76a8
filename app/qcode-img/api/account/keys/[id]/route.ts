import { accountVerbContext } from "@/lib/api/verb-context";
import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { updateKey } from "@/lib/keys/update-key";
import { readJsonBody } from "@/lib/api/parse-input";
import { keyInfo } from "@/lib/usage/today";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  return Response.json({ id: key.id, ...keyInfo(key, now) });
});

/** `{ alias?, status?: "active" | "disabled" }`: never limits. */
export const PATCH = withSession(async ({ db, accountId, user, now, req, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  await updateKey({ ctx: accountVerbContext({ db, accountId, user, now }), input: { keyId: key.id, body: await readJsonBody(req) } });
  const fresh = await findAccountKey(db, accountId, key.id);
  return Response.json({ id: fresh.id, ...keyInfo(fresh, now) });
});
