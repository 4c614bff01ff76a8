import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { getBreakdown } from "@/lib/usage/breakdown";
import { keyScope } from "@/lib/usage/overview";
import { requestRange } from "@/lib/usage/range";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  const range = await requestRange(db, keyScope(key), url.searchParams, now);
  return Response.json(await getBreakdown(db, keyScope(key), range));
});
