import { withSession } from "@/lib/api/with-session";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { getToday, keyInfo } from "@/lib/usage/today";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, params }) => {
  const key = await findAccountKey(db, accountId, String(params.id));
  return Response.json({ key: keyInfo(key, now), today: await getToday(db, key, now) });
});
