import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { decode } from "next-auth/jwt";
import { z } from "zod";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { env, requireServerEnv } from "@/lib/env";

export type Role = "customer" | "support" | "admin";

/** Who is signed in. Role and account are re-read from the database on every request. */
export type SessionUser = {
  userId: number;
  email: string;
  role: Role;
  /** Set for customers; null for staff. */
  accountId: number | null;
};

/** next-auth's session cookie: `__Secure-` on https, plain on http. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** The claims our next-auth JWT carries (set by the jwt callback at sign-in): `sub` is the user id. */
export const sessionClaimsSchema = z.object({
  sub: z.string().regex(/^\d+$/),
  email: z.string(),
});

const globalForSecret = globalThis as unknown as { imgledgerDevAuthSecret?: string };

/**
 * The secret next-auth signs and encrypts session tokens with: NEXTAUTH_SECRET. A production
 * server refuses to start without it (requireServerEnv); a development server run without one
 * (plain `next dev`) makes up one per process, so its sessions end when it restarts.
 */
export function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  requireServerEnv();
  if (!globalForSecret.imgledgerDevAuthSecret) {
    console.warn("[imgledger] NEXTAUTH_SECRET is not set: sessions last until this development server stops");
    globalForSecret.imgledgerDevAuthSecret = randomBytes(32).toString("base64url");
  }
  return globalForSecret.imgledgerDevAuthSecret;
}

/**
 * The signed-in user of a request, from the next-auth session cookie, or null. The token only
 * says who signed in; whether the user still exists, is not disabled, and what role and account
 * they have now comes from the database, so a disabled user or a changed role takes effect at once.
 */
export function readSession(req: Request): Promise<SessionUser | null> {
  return sessionFromCookieHeader(req.headers.get("cookie"));
}

/** As readSession, from a `cookie` header value (server components read it with `headers()`). */
export async function sessionFromCookieHeader(cookieHeader: string | null): Promise<SessionUser | null> {
  const cookies = parseCookies(cookieHeader ?? "");
  const raw = SESSION_COOKIES.map((name) => cookies.get(name)).find((v) => v !== undefined);
  if (!raw) return null;
  let claims: z.infer<typeof sessionClaimsSchema>;
  try {
    const decoded = await decode({ token: raw, secret: authSecret() });
    const parsed = sessionClaimsSchema.safeParse(decoded);
    if (!parsed.success) return null;
    claims = parsed.data;
  } catch {
    return null; // tampered, expired, or signed with another secret
  }
  const [user] = await getDb()
    .select({ id: users.id, email: users.email, role: users.role, accountId: users.accountId, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, Number(claims.sub)))
    .limit(1);
  if (!user || user.disabledAt !== null) return null;
  return { userId: user.id, email: user.email, role: user.role, accountId: user.accountId };
}

export function parseCookies(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}
