import "server-only";
import argon2 from "argon2";

/** The one way a password is stored: an argon2id hash (never the password itself). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}
