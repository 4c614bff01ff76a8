/**
 * Sign-ins from the command line.
 *   npm run users -- create --email EMAIL --role customer|support|admin [--account NAME] [--name NAME]
 *                           [--password PASSWORD | --generate]
 *   npm run users -- list [--account NAME]
 *   npm run users -- set-password --email EMAIL [--password PASSWORD | --generate]
 *   npm run users -- disable --email EMAIL
 *   npm run users -- enable --email EMAIL
 * Without --password or --generate, the password is asked for on the terminal.
 * Uses DATABASE_URL, or the checkout's embedded PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { beijingTime, printTable, runCli, UsageError } from "./cli";
import { withDatabase } from "./with-database";

const USAGE = `Usage:
  npm run users -- create --email EMAIL --role customer|support|admin [--account NAME] [--name NAME]
                          [--password PASSWORD | --generate]
  npm run users -- list [--account NAME]
  npm run users -- set-password --email EMAIL [--password PASSWORD | --generate]
  npm run users -- disable --email EMAIL
  npm run users -- enable --email EMAIL

Customers belong to an existing account (--account, as created by \`npm run keys -- create\`);
support and admin staff belong to none. Without --password or --generate the password is asked
for on the terminal. --generate prints a new random password once. Passwords: 10+ characters.
A disabled user cannot sign in and their open sessions stop working at once.`;


const OPTIONS = {
  email: { type: "string" },
  account: { type: "string" },
  role: { type: "string" },
  name: { type: "string" },
  password: { type: "string" },
  generate: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

const MIN_PASSWORD = 10;
const ROLES = ["customer", "support", "admin"] as const;

function email(values: Values): string {
  const raw = values.email?.trim().toLowerCase();
  if (!raw) throw new UsageError("--email is required");
  if (!z.email().safeParse(raw).success) throw new UsageError(`--email must be an email address, got "${values.email}"`);
  return raw;
}

/** The password to set and whether it was generated (then it is printed once). */
async function password(values: Values): Promise<{ password: string; generated: boolean }> {
  if (values.password !== undefined && values.generate) throw new UsageError("give --password or --generate, not both");
  if (values.generate) return { password: randomBytes(12).toString("base64url"), generated: true };
  let pw = values.password;
  if (pw === undefined) {
    if (!process.stdin.isTTY) throw new UsageError("no terminal to ask for the password: pass --password or --generate");
    pw = await askHidden("Password: ");
    if ((await askHidden("Again: ")) !== pw) throw new UsageError("the two passwords differ");
  }
  if (pw.length < MIN_PASSWORD) throw new UsageError(`the password must have at least ${MIN_PASSWORD} characters`);
  if (pw.length > 200) throw new UsageError("the password must have at most 200 characters");
  return { password: pw, generated: false };
}

function askHidden(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

const hash = hashPassword;

async function create(values: Values) {
  const address = email(values);
  const role = values.role;
  if (!role) throw new UsageError("--role is required (customer, support or admin)");
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be customer, support or admin, got "${role}"`);
  const accountName = values.account?.trim();
  if (role === "customer" && !accountName) throw new UsageError("--account is required for a customer");
  if (role !== "customer" && accountName) throw new UsageError(`--account is for customers only: ${role} staff see every account`);
  const pw = await password(values);

  await withDatabase(async (db) => {
    let accountId: number | null = null;
    if (accountName) {
      const [account] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.name, accountName));
      if (!account) throw new Error(`No account named "${accountName}": accounts are created with \`npm run keys -- create --account ...\``);
      accountId = account.id;
    }
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, address));
    if (taken) throw new Error(`${address} already has a sign-in: use set-password to change its password`);
    await db.insert(users).values({
      email: address,
      name: values.name?.trim() ?? "",
      passwordHash: await hash(pw.password),
      role: role as (typeof ROLES)[number],
      accountId,
    });
    console.log(`Created ${role} ${address}${accountName ? ` for ${accountName}` : ""}.`);
    if (pw.generated) printGenerated(pw.password);
  });
}

async function setPassword(values: Values) {
  const address = email(values);
  const pw = await password(values);
  await withDatabase(async (db) => {
    const rows = await db.update(users).set({ passwordHash: await hash(pw.password) }).where(eq(users.email, address)).returning({ id: users.id });
    if (rows.length === 0) throw new Error(`No user ${address}`);
    console.log(`Password of ${address} changed.`);
    if (pw.generated) printGenerated(pw.password);
  });
}

async function setDisabled(values: Values, disabled: boolean) {
  const address = email(values);
  await withDatabase(async (db) => {
    const [user] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, address));
    if (!user) throw new Error(`No user ${address}`);
    if ((user.disabledAt !== null) === disabled) {
      console.log(`${address} is already ${disabled ? "disabled" : "enabled"}.`);
      return;
    }
    await db.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, user.id));
    console.log(disabled ? `Disabled ${address}: it can no longer sign in, and its open sessions have ended.` : `Enabled ${address}: it can sign in again.`);
  });
}

async function list(values: Values) {
  await withDatabase(async (db) => {
    const rows = await db
      .select({ user: users, account: accounts.name })
      .from(users)
      .leftJoin(accounts, eq(accounts.id, users.accountId))
      .where(values.account ? eq(accounts.name, values.account) : undefined)
      .orderBy(asc(users.role), asc(accounts.name), asc(users.email));
    if (rows.length === 0) {
      console.log(values.account ? `No users for account "${values.account}".` : "No users yet: create one with `npm run users -- create`.");
      return;
    }
    printTable(
      ["email", "role", "account", "name", "status", "last sign-in (Beijing)"],
      rows.map(({ user, account }) => [
        user.email,
        user.role,
        account ?? "-",
        user.name || "-",
        user.disabledAt ? "disabled" : "active",
        user.lastSignInAt ? beijingTime(user.lastSignInAt) : "never",
      ]),
    );
  });
}

function printGenerated(pw: string) {
  console.log("");
  console.log(`  password  ${pw}`);
  console.log("");
  console.log("The password is shown only this once: only its hash is stored.");
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  if (extra.length) throw new UsageError(`Unexpected argument: ${extra[0]}`);
  switch (command) {
    case "create":
      return create(parsed.values);
    case "list":
      return list(parsed.values);
    case "set-password":
      return setPassword(parsed.values);
    case "disable":
      return setDisabled(parsed.values, true);
    case "enable":
      return setDisabled(parsed.values, false);
  }
  const commands = "create, list, set-password, disable or enable";
  throw new UsageError(command ? `Unknown command "${command}": use ${commands}` : `Missing command: ${commands}`);
}

runCli("users", USAGE, main);
