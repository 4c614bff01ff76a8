import "server-only";
import { forbidden, redirect } from "next/navigation";
import { pageSession, SIGN_IN_PATH } from "./page";
import type { SessionUser } from "./session";

/**
 * For a support-console page: no session → the sign-in page (back to `returnTo` afterwards); a
 * signed-in user without one of `roles` (a customer, or support on an admin page) → 403.
 */
export async function requireStaffPage(roles: readonly ("support" | "admin")[], returnTo: string): Promise<SessionUser> {
  const user = await pageSession();
  if (!user) redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!(roles as readonly string[]).includes(user.role)) forbidden();
  return user;
}
