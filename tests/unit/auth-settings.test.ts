import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { localAuthSecret } from "@/lib/auth/local-secret";
import { MISSING_AUTH_SECRET, parseEnv, requireServerEnv } from "@/lib/env";

describe("session secret", () => {
  it("is required in production, not in development or for a build's tools", () => {
    expect(() => requireServerEnv(parseEnv({ NODE_ENV: "production" }))).toThrow(MISSING_AUTH_SECRET);
    expect(() => requireServerEnv(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) }))).not.toThrow();
    expect(() => requireServerEnv(parseEnv({ NODE_ENV: "development" }))).not.toThrow();
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 32 characters/);
  });

  it("NEXTAUTH_URL, when set, names the auth routes' full URL", () => {
    expect(parseEnv({ NEXTAUTH_URL: "https://img.example.com/qcode-img/api/auth" }).NEXTAUTH_URL).toBe("https://img.example.com/qcode-img/api/auth");
    expect(() => parseEnv({ NEXTAUTH_URL: "https://img.example.com" })).toThrow(/NEXTAUTH_URL: must be the full URL of the sign-in routes, ending in \/qcode-img\/api\/auth/);
  });

  it("throttle settings have defaults", () => {
    const e = parseEnv({});
    expect([e.SIGNIN_MAX_FAILURES_PER_EMAIL, e.SIGNIN_MAX_FAILURES_PER_ADDRESS, e.SIGNIN_THROTTLE_WINDOW_MIN]).toEqual([5, 20, 15]);
  });

  it("the embedded setup generates one secret, readable by its owner only, and keeps it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "imgledger-secret-"));
    try {
      const first = localAuthSecret(path.join(dir, "data"));
      expect(first.created).toBe(true);
      expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
      const again = localAuthSecret(path.join(dir, "data"));
      expect(again).toEqual({ ...first, created: false });
      expect(localAuthSecret(path.join(dir, "other")).secret).not.toBe(first.secret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("callbackUrl after sign-in", () => {
  it("keeps paths of this app, drops everything else", () => {
    expect(safeCallbackPath("/qcode-img/dashboard?range=7d#top")).toBe("/qcode-img/dashboard?range=7d#top");
    expect(safeCallbackPath("/qcode-img")).toBe("/qcode-img");
    expect(safeCallbackPath("http://127.0.0.1:3000/qcode-img/usage", "http://127.0.0.1:3000")).toBe("/qcode-img/usage");
    for (const bad of [
      "https://evil.example/qcode-img",
      "//evil.example/qcode-img",
      "/\\evil.example",
      "/qcode-img/../admin-elsewhere",
      "/other-app",
      "/qcode-img/signin?callbackUrl=x",
      "/qcode-img/api/auth/signout",
      "javascript:alert(1)",
      "/qcode-img/\nSet-Cookie:x",
      "http://127.0.0.1:3000/qcode-img/usage",
      "",
      42,
    ]) {
      expect(safeCallbackPath(bad), String(bad)).toBeNull();
    }
  });
});
