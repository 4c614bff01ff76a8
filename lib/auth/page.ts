import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionFromCookieHeader, type Role, type SessionUser } from "./session";

export const SIGN_IN_PATH = "/qcode-img/signin";
export const DASHBOARD_PATH = "/qcode-img/dashboard";
export const ADMIN_PATH = "/qcode-img/admin";

/** Where a user lands after signing in: customers on their dashboard, staff on the console. */
export function homeOf(role: Role): string {
  return role === "customer" ? DASHBOARD_PATH : ADMIN_PATH;
}

/** The signed-in user of the page being rendered, or null. */
export async function pageSession(): Promise<SessionUser | null> {
  return sessionFromCookieHeader((await headers()).get("cookie"));
}

/**
 * For a server page: the signed-in user with one of `roles`. No session: to the sign-in page,
 * coming back to `returnTo` afterwards. Another role: to that role's own home.
 */
export async function requirePageUser(roles: readonly Role[], returnTo: string): Promise<SessionUser> {
  const user = await pageSession();
  if (!user) redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roles.includes(user.role)) redirect(homeOf(user.role));
  return user;
}
