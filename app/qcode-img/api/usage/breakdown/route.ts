import { withKeyToken } from "@/lib/api/with-key-token";
import { getBreakdown } from "@/lib/usage/breakdown";
import { keyScope, lastDays } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now }) => Response.json(await getBreakdown(db, keyScope(key), lastDays(now))));
