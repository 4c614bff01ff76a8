import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { trustRequestHostForNextAuth } from "@/lib/env";
import { safeCallbackPath } from "./callback-url";
import { verifyCredentials } from "./credentials";
import { SIGN_IN_PATH } from "./page";
import { authSecret } from "./session";

trustRequestHostForNextAuth();

/** What the credentials provider answers when the password was right but the user is disabled. */
export const ACCOUNT_DISABLED = "AccountDisabled";

const SESSION_MAX_AGE_S = 30 * 24 * 3600;

/**
 * next-auth's options: email + password against `users`, JWT sessions whose `sub` is the user id
 * (readSession re-reads the user on every request, so role changes and disabling apply at once).
 * Redirects stay on this site and under /qcode-img; next-auth's own pages are replaced by ours.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [
      Credentials({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const result = await verifyCredentials(getDb(), credentials?.email, credentials?.password, new Date());
          if (result.kind === "disabled") throw new Error(ACCOUNT_DISABLED);
          if (result.kind === "wrong") return null;
          return { id: String(result.user.id), email: result.user.email, name: result.user.name };
        },
      }),
    ],
    callbacks: {
      // Only who signed in goes into the token: role and account are read from the database.
      jwt: ({ token, user }) => (user ? { sub: user.id, email: user.email ?? token.email } : token),
      session: ({ session, token }) => ({ ...session, user: { email: token.email ?? null } }),
      // Relative paths, so redirects follow whatever host the browser used.
      redirect: ({ url, baseUrl }) => safeCallbackPath(url, baseUrl) ?? SIGN_IN_PATH,
    },
    logger: {
      error: (code, metadata) => {
        if (code === "CLIENT_FETCH_ERROR") return;
        console.error(`[imgledger] next-auth ${code}`, metadata instanceof Error ? metadata.message : "");
      },
      warn: () => {},
      debug: () => {},
    },
  };
}
