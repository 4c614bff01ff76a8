import { withKeyToken } from "@/lib/api/with-key-token";
import { getDailySeries } from "@/lib/usage/daily";
import { keyScope, lastDays } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now }) => Response.json(await getDailySeries(db, keyScope(key), lastDays(now))));
