import { withOptionalSession } from "@/lib/api/with-session";
import { describeUser } from "@/lib/auth/me";

export const dynamic = "force-dynamic";

/** `{ user: { email, role, accountName } | null }`: who the top bar shows as signed in. */
export const GET = withOptionalSession(async ({ db, user }) => Response.json({ user: user ? await describeUser(db, user) : null }));
