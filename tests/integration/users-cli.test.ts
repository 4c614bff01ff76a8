import { execFile } from "node:child_process";
import path from "node:path";
import argon2 from "argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { createTestDb, type TestDb } from "../helpers/db";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await t.db.insert(accounts).values([{ name: "Acme Studio" }, { name: "像素 Works", currency: "CNY" }]);
});
afterAll(async () => {
  await t?.drop();
});

type Run = { code: number; stdout: string; stderr: string };

/** Like `npm run users -- …`, with stdin not a terminal. */
function users(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      TSX,
      ["--conditions=react-server", "scripts/users.ts", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "production" }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

const hashOf = async (email: string) => (await t.sql`select password_hash from users where email = ${email}`)[0]!.password_hash as string;

describe("npm run users", () => {
  it("create: a customer of an existing account with a given password, stored only as an argon2 hash", async () => {
    const r = await users(["create", "--email", "Ops@Acme.test", "--account", "Acme Studio", "--role", "customer", "--name", "Acme ops", "--password", "a-long-password"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Created customer ops@acme.test for Acme Studio.\n");
    const [row] = await t.sql`select u.email, u.name, u.role::text, a.name as account, u.disabled_at, row_to_json(u)::text as everything
      from users u join accounts a on a.id = u.account_id`;
    expect(row).toMatchObject({ email: "ops@acme.test", name: "Acme ops", role: "customer", account: "Acme Studio", disabled_at: null });
    expect(row!.everything).not.toContain("a-long-password");
    expect(await argon2.verify(await hashOf("ops@acme.test"), "a-long-password")).toBe(true);
  });

  it("create --generate: staff without an account, the new password printed once", async () => {
    const r = await users(["create", "--email", "sam@imgledger.test", "--role", "support", "--generate"]);
    expect(r.code).toBe(0);
    const m = /^Created support sam@imgledger\.test\.\n\n {2}password {2}(\S{16})\n\nThe password is shown only this once: only its hash is stored\.\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(await argon2.verify(await hashOf("sam@imgledger.test"), m![1]!)).toBe(true);
    const [row] = await t.sql`select account_id, role::text from users where email = 'sam@imgledger.test'`;
    expect(row).toEqual({ account_id: null, role: "support" });
  });

  it("refuses an unknown account and a taken email (exit 1, nothing written)", async () => {
    const unknown = await users(["create", "--email", "x@y.test", "--account", "Nope Inc", "--role", "customer", "--generate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account named "Nope Inc"');
    const taken = await users(["create", "--email", "OPS@acme.test", "--account", "Acme Studio", "--role", "customer", "--generate"]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("ops@acme.test already has a sign-in");
    const [n] = await t.sql`select count(*)::int as n from users`;
    expect(n!.n).toBe(2);
  });

  it("set-password, disable and enable", async () => {
    const set = await users(["set-password", "--email", "ops@acme.test", "--password", "another-password"]);
    expect(set.code).toBe(0);
    expect(set.stdout).toBe("Password of ops@acme.test changed.\n");
    expect(await argon2.verify(await hashOf("ops@acme.test"), "another-password")).toBe(true);

    const off = await users(["disable", "--email", "ops@acme.test"]);
    expect(off.code).toBe(0);
    expect(off.stdout).toBe("Disabled ops@acme.test: it can no longer sign in, and its open sessions have ended.\n");
    const [row] = await t.sql`select disabled_at from users where email = 'ops@acme.test'`;
    expect(Date.now() - new Date(row!.disabled_at).getTime()).toBeLessThan(60_000);
    expect((await users(["disable", "--email", "ops@acme.test"])).stdout).toBe("ops@acme.test is already disabled.\n");

    const list = await users(["list"]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^email\s+role\s+account\s+name\s+status\s+last sign-in \(Beijing\)$/);
    expect(lines[2]).toMatch(/^ops@acme\.test\s+customer\s+Acme Studio\s+Acme ops\s+disabled\s+never$/);
    expect(lines[3]).toMatch(/^sam@imgledger\.test\s+support\s+-\s+-\s+active\s+never$/);
    expect(lines).toHaveLength(4);

    expect((await users(["enable", "--email", "ops@acme.test"])).stdout).toBe("Enabled ops@acme.test: it can sign in again.\n");
    const [back] = await t.sql`select disabled_at from users where email = 'ops@acme.test'`;
    expect(back!.disabled_at).toBeNull();
    const missing = await users(["disable", "--email", "who@acme.test"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No user who@acme.test");
  });

  it("exits 2 with a clear message on bad arguments", async () => {
    const cases: [string[], string][] = [
      [[], "Missing command: create, list, set-password, disable or enable"],
      [["delete"], 'Unknown command "delete"'],
      [["create", "--role", "customer", "--account", "Acme Studio", "--generate"], "--email is required"],
      [["create", "--email", "not-an-email", "--role", "admin", "--generate"], '--email must be an email address, got "not-an-email"'],
      [["create", "--email", "a@b.test", "--generate"], "--role is required"],
      [["create", "--email", "a@b.test", "--role", "owner", "--generate"], '--role must be customer, support or admin, got "owner"'],
      [["create", "--email", "a@b.test", "--role", "customer", "--generate"], "--account is required for a customer"],
      [["create", "--email", "a@b.test", "--role", "admin", "--account", "Acme Studio", "--generate"], "--account is for customers only"],
      [["create", "--email", "a@b.test", "--role", "admin", "--password", "short"], "the password must have at least 10 characters"],
      [["create", "--email", "a@b.test", "--role", "admin", "--password", "long-enough-pw", "--generate"], "give --password or --generate, not both"],
      [["create", "--email", "a@b.test", "--role", "admin"], "no terminal to ask for the password: pass --password or --generate"],
      [["set-password", "--email", "ops@acme.test"], "no terminal to ask for the password"],
      [["list", "--colour"], "Unknown option '--colour'"],
    ];
    for (const [args, message] of cases) {
      const r = await users(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("Usage:");
    }
    const [n] = await t.sql`select count(*)::int as n from users`;
    expect(n!.n).toBe(2);
  }, 180_000);
});
