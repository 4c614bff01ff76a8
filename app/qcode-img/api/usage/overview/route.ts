import { withKeyToken } from "@/lib/api/with-key-token";
import { getKeyOverview } from "@/lib/usage/overview";

export const dynamic = "force-dynamic";

export const GET = withKeyToken(async ({ db, key, now }) => Response.json(await getKeyOverview(db, key, now)));
