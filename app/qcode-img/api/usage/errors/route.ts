import { withKeyToken } from "@/lib/api/with-key-token";
import { getErrorSeries } from "@/lib/usage/errors";
import { keyScope, lastDays } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now }) => Response.json(await getErrorSeries(db, keyScope(key), lastDays(now))));
