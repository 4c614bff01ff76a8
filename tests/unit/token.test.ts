import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Fallback, sha256HexBrowser } from "@/lib/keys/token.client";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("browser token", () => {
  it("the JS fallback equals node's sha256 for empty, short, block-edge and long inputs", () => {
    for (const s of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "cr_" + "Z9".repeat(40), "中文密钥"]) {
      expect(hex(sha256Fallback(new TextEncoder().encode(s)))).toBe(createHash("sha256").update(s).digest("hex"));
    }
  });
  it("WebCrypto path gives the same token", async () => {
    const key = "cr_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    expect(await sha256HexBrowser(key)).toBe(createHash("sha256").update(key).digest("hex"));
  });
});
