import { encode } from "next-auth/jwt";

/** The NEXTAUTH_SECRET test servers run with (pass it in startAppServer's env). */
export const TEST_AUTH_SECRET = "test-nextauth-secret-0123456789abcdef";

/**
 * A `cookie` header value carrying a next-auth session for `userId`, signed with the test secret:
 * what the browser holds after signing in (the sign-in flow itself has its own tests).
 */
export async function sessionCookie(user: { id: number; email: string }, secret = TEST_AUTH_SECRET): Promise<string> {
  const token = await encode({ token: { sub: String(user.id), email: user.email }, secret, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}
