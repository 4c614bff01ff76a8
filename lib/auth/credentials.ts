import "server-only";
import argon2 from "argon2";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { hashPassword } from "./password";

export type CredentialsResult =
  | { kind: "ok"; user: { id: number; email: string; name: string } }
  /** Unknown email or wrong password: never told apart. */
  | { kind: "wrong" }
  /** Right password, but the user is disabled. Only someone who knows the password learns this. */
  | { kind: "disabled" };

/** Emails are stored lower-cased; input is compared the same way. */
export function normalizeEmail(raw: unknown): string {
  return typeof raw === "string" ? raw.trim().toLowerCase() : "";
}

const MAX_PASSWORD_LENGTH = 1_000;

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the email is unknown, so that answer takes as long as a wrong password. */
function dummy(): Promise<string> {
  return (dummyHash ??= hashPassword("imgledger-no-such-user"));
}

/**
 * Checks an email and password against the argon2 hashes in `users`, and records the sign-in.
 * An unknown email costs one argon2 verification like a known one.
 */
export async function verifyCredentials(db: Db, rawEmail: unknown, rawPassword: unknown, now: Date): Promise<CredentialsResult> {
  const email = normalizeEmail(rawEmail);
  const password = typeof rawPassword === "string" ? rawPassword : "";
  const [user] =
    email && email.length <= 320
      ? await db
          .select({ id: users.id, email: users.email, name: users.name, hash: users.passwordHash, disabledAt: users.disabledAt })
          .from(users)
          .where(eq(users.email, email))
          .limit(1)
      : [];
  const ok = await verify(user?.hash ?? (await dummy()), password);
  if (!user || !ok) return { kind: "wrong" };
  if (user.disabledAt !== null) return { kind: "disabled" };
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  return { kind: "ok", user: { id: user.id, email: user.email, name: user.name } };
}

async function verify(hash: string, password: string): Promise<boolean> {
  if (!password || password.length > MAX_PASSWORD_LENGTH) {
    await argon2.verify(await dummy(), "x").catch(() => false); // same cost either way
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // not an argon2 hash
  }
}
