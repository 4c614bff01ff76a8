import { withSession } from "@/lib/api/with-session";
import { getStatements } from "@/lib/usage/statements";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId }) => Response.json({ months: await getStatements(db, accountId) }));
