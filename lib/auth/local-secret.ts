import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The session secret of a checkout's embedded setup, kept with its data in DATA_DIR/auth-secret
 * (readable by its owner only): generated on first start, reused after, so sessions survive a
 * restart. Deleting DATA_DIR signs everyone out along with the data.
 */
export function localAuthSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  const file = path.resolve(dataDir, "auth-secret");
  try {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return { secret, file, created: false };
    throw new Error(`${file} holds no usable secret (fewer than 32 characters): delete it to generate a new one`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // "wx": never overwrite a secret another process wrote meanwhile.
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return { secret, file, created: true };
}
