import http from "node:http";
import argon2 from "argon2";
import type { Db } from "@/db";
import { accounts, users } from "@/db/schema";

/**
 * Signing in over real HTTP as a browser does (next-auth's documented flow: GET csrf, then POST
 * the form to callback/credentials with the csrf cookie). node:http rather than fetch, so a test
 * can name the Host it reached the server by (localhost, 127.0.0.1, a network address).
 */
export type Answer = { status: number; headers: http.IncomingHttpHeaders; setCookies: string[]; text: string; json: () => any };

export function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: opts.method ?? "GET", path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, setCookies: res.headers["set-cookie"] ?? [], text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on("error", reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** name=value pairs of Set-Cookie headers, as a Cookie header value. */
export function cookieHeader(setCookies: string[], previous = ""): string {
  const jar = new Map(previous.split("; ").filter(Boolean).map((c) => [c.slice(0, c.indexOf("=")), c] as const));
  for (const c of setCookies) {
    const pair = c.split(";")[0]!;
    jar.set(pair.slice(0, pair.indexOf("=")), pair);
  }
  return [...jar.values()].join("; ");
}

export type SignInAttempt = { answer: Answer; cookie: string; csrfCookie: string };

export async function signIn(
  port: number,
  email: string,
  password: string,
  opts: { headers?: Record<string, string>; callbackUrl?: string; json?: boolean } = {},
): Promise<SignInAttempt> {
  const csrf = await request(port, { path: "/qcode-img/api/auth/csrf", headers: opts.headers });
  if (csrf.status !== 200) throw new Error(`csrf ${csrf.status}: ${csrf.text}`);
  const csrfCookie = cookieHeader(csrf.setCookies);
  const form = new URLSearchParams({ email, password, csrfToken: csrf.json().csrfToken as string });
  if (opts.json !== false) form.set("json", "true");
  if (opts.callbackUrl) form.set("callbackUrl", opts.callbackUrl);
  const answer = await request(port, {
    method: "POST",
    path: "/qcode-img/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, ...opts.headers },
    body: form.toString(),
  });
  return { answer, cookie: cookieHeader(answer.setCookies, csrfCookie), csrfCookie };
}

/** Inserts an account and sign-ins with known passwords; returns their ids by email. */
export async function seedSignIns(
  db: Db,
  people: { email: string; password: string; role: "customer" | "support" | "admin"; disabled?: boolean }[],
  accountName = "Acme Studio",
): Promise<Map<string, number>> {
  const [account] = await db.insert(accounts).values({ name: accountName }).returning();
  const ids = new Map<string, number>();
  for (const p of people) {
    const [row] = await db
      .insert(users)
      .values({
        email: p.email,
        passwordHash: await argon2.hash(p.password, { type: argon2.argon2id }),
        role: p.role,
        accountId: p.role === "customer" ? account!.id : null,
        disabledAt: p.disabled ? new Date() : null,
      })
      .returning({ id: users.id });
    ids.set(p.email, row!.id);
  }
  return ids;
}
