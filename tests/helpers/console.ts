import { expect } from "vitest";
import { users } from "@/db/schema";
import type { TestDb } from "./db";
import { sessionCookie } from "./session";

/** Users of the console tests: signed in by cookie (the sign-in flow has its own tests). */
export type TestUser = { id: number; email: string; cookie: string };

let seq = 0;
export async function makeUser(t: TestDb, role: "customer" | "support" | "admin", accountId: number | null = null): Promise<TestUser> {
  seq += 1;
  const email = `${role}${seq}-${Math.random().toString(36).slice(2, 8)}@console.test`;
  const [u] = await t.db
    .insert(users)
    .values({ email, role, accountId, passwordHash: "$argon2id$v=19$m=65536,t=3,p=4$not-a-real-hash" })
    .returning();
  return { id: u!.id, email, cookie: await sessionCookie({ id: u!.id, email }) };
}

export type ApiCall = { method?: string; body?: unknown; cookie?: string; now?: string; headers?: Record<string, string> };

/** A console API request as the browser sends it (same-origin POSTs carry Origin). */
export function consoleFetch(baseUrl: string, path: string, opts: ApiCall = {}) {
  const method = opts.method ?? (opts.body === undefined ? "GET" : "POST");
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.now ? { "x-imgledger-now": opts.now } : {}),
      ...(method !== "GET" ? { origin: baseUrl, "content-type": "application/json" } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}

export async function okJson<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The app's one error shape, its status, code and the field it names. */
export async function expectApiError(res: Response, status: number, code: string, param?: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as { error: { type: string; code: string; message: string; param?: string } };
  expect(body.error.code, text).toBe(code);
  if (param !== undefined) expect(body.error.param, text).toBe(param);
  return body.error;
}
