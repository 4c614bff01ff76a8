import "server-only";
import { createHash, randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const KEY_PREFIX = "cr_";
const KEY_BODY_LENGTH = 40;
/** `cr_` + at least 32 base62 characters. */
export const KEY_PATTERN = /^cr_[0-9A-Za-z]{32,}$/;
/** What the self-service page sends: sha256 hex of the key. */
export const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

export function sha256Hex(input: string): string {
  return createHash("sha256").update(input, "utf8").digest("hex");
}

/** token = sha256_hex(key): the read-only credential the usage page sends. */
export function tokenForKey(rawKey: string): string {
  return sha256Hex(rawKey);
}

/** What api_keys stores: sha256_hex(token). */
export function lookupHashForToken(token: string): string {
  return sha256Hex(token);
}

export function lookupHashForKey(rawKey: string): string {
  return lookupHashForToken(tokenForKey(rawKey));
}

/** `cr_AbCd…wxyz` */
export function displayForm(rawKey: string): string {
  const body = rawKey.slice(KEY_PREFIX.length);
  return `${KEY_PREFIX}${body.slice(0, 4)}…${body.slice(-4)}`;
}

/** A new key from the OS random source (unbiased base62 by rejection sampling). */
export function generateRawKey(random: (n: number) => Buffer = randomBytes): string {
  let body = "";
  while (body.length < KEY_BODY_LENGTH) {
    for (const byte of random(64)) {
      if (byte < 248 && body.length < KEY_BODY_LENGTH) body += BASE62[byte % 62];
    }
  }
  return KEY_PREFIX + body;
}
