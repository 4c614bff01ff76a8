import { withKeyToken } from "@/lib/api/with-key-token";
import { keyScope, lastDays } from "@/lib/usage/overview";
import { getSummary } from "@/lib/usage/summary";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now }) =>
  Response.json(await getSummary(db, keyScope(key), lastDays(now), key.lastUsedAt)),
);
