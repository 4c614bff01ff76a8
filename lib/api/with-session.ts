import "server-only";
import { forbidden, unauthenticated } from "@/lib/errors";
import { readSession, type SessionUser } from "@/lib/auth/session";
import { defineRoute, type BaseContext } from "./route";

export type SessionContext = BaseContext & { user: SessionUser; accountId: number };
export type StaffContext = BaseContext & { user: SessionUser };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated routes refuse cross-site mutations: a browser sends `Origin` (and
 * `Sec-Fetch-Site`) on every POST/PATCH/DELETE, and it must be this site. Clients without a
 * browser send neither and carry no ambient cookie to abuse.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      /* "null" or garbage */
    }
    if (originHost === null || originHost !== host) throw forbidden("Cross-site request refused", "cross_site_request");
    return;
  }
  if (req.headers.get("sec-fetch-site") === "cross-site") throw forbidden("Cross-site request refused", "cross_site_request");
}

/**
 * A customer's route: a session of a customer user, scoped to the session's account (never to
 * an account named by the request). No session: 401; a staff session: 403.
 */
export function withSession(handler: (ctx: SessionContext) => Promise<Response>) {
  return defineRoute(async (base): Promise<SessionContext> => {
    const user = await readSession(base.req);
    if (!user) throw unauthenticated();
    if (user.role !== "customer" || user.accountId === null) {
      throw forbidden("This API is for customer accounts: staff use the support console");
    }
    assertSameOrigin(base.req);
    return { ...base, user, accountId: user.accountId };
  }, handler);
}

/** A route open to everyone that says who is signed in, if anyone (e.g. the top bar's `me`). */
export function withOptionalSession(handler: (ctx: BaseContext & { user: SessionUser | null }) => Promise<Response>) {
  return defineRoute(async (base) => ({ ...base, user: await readSession(base.req) }), handler);
}

/** A staff route: support or admin (`roles` narrows it, e.g. to admin only). Customers: 403. */
export function withStaff(
  handler: (ctx: StaffContext) => Promise<Response>,
  options: { roles?: readonly ("support" | "admin")[] } = {},
) {
  const roles = options.roles ?? ["support", "admin"];
  return defineRoute(async (base): Promise<StaffContext> => {
    const user = await readSession(base.req);
    if (!user) throw unauthenticated();
    if (!(roles as readonly string[]).includes(user.role)) {
      throw forbidden(roles.length === 1 ? `Only ${roles[0]} users may do this` : "Staff only");
    }
    assertSameOrigin(base.req);
    return { ...base, user };
  }, handler);
}
