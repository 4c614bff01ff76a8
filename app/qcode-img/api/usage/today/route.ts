import { withKeyToken } from "@/lib/api/with-key-token";
import { getToday, keyInfo } from "@/lib/usage/today";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now }) =>
  Response.json({ key: keyInfo(key, now), today: await getToday(db, key, now) }),
);
