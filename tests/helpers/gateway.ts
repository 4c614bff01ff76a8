import OpenAI from "openai";
import { PNG } from "pngjs";
import { expect } from "vitest";
import { createKey, type CreateKeyInput } from "@/lib/keys/create-key";
import type { TestDb } from "./db";

/** Shared by the gateway test files: clients, raw requests, and ledger reads. */
export const IMAGE_PATH = "/qcode-img/v1/images/generations";

export function openai(baseUrl: string, apiKey: string, now?: string) {
  return new OpenAI({
    baseURL: `${baseUrl}/qcode-img/v1`,
    apiKey,
    timeout: 30_000,
    // Retries would hide the first answer (a 429 or 503 is retried by default).
    maxRetries: 0,
    defaultHeaders: now ? { "x-imgledger-now": now } : {},
  });
}

export type PostOptions = { key?: string; now?: string; headers?: Record<string, string>; signal?: AbortSignal };

export function postImage(baseUrl: string, body: unknown, opts: PostOptions = {}) {
  return fetch(`${baseUrl}${IMAGE_PATH}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}),
      ...(opts.now ? { "x-imgledger-now": opts.now } : {}),
      ...opts.headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: opts.signal,
  });
}

export const REQUEST_ID = /^req_[0-9a-f]{32}$/;

/** The exact OpenAI error envelope, status and request id header; returns the envelope. */
export async function expectError(res: Response, status: number, code: string, param?: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
  const body = JSON.parse(text) as { error: { type: string; code: string; message: string; param?: string } };
  expect(body.error.code, text).toBe(code);
  expect(typeof body.error.message).toBe("string");
  if (param !== undefined) expect(body.error.param, text).toBe(param);
  return body.error;
}

export function pngSize(b64: string): { width: number; height: number } {
  const png = PNG.sync.read(Buffer.from(b64, "base64"));
  return { width: png.width, height: png.height };
}

let seq = 0;
export async function makeKey(t: TestDb, input: Partial<CreateKeyInput> = {}) {
  seq += 1;
  const alias = input.alias ?? `k${seq}`;
  return createKey(t.db, { accountName: input.accountName ?? `acct-${alias}-${seq}`, alias, ...input });
}

export type CallRow = {
  request_id: string;
  http_status: number;
  error_code: string | null;
  cost_micros: string;
  images_delivered: number;
  n: number;
  size: string | null;
  quality: string | null;
  billing_day: string;
  unit_price_micros: string | null;
  floor_micros: string | null;
  price_version: number | null;
  prompt_preview: string | null;
  region: string | null;
  latency_ms: number;
  upstream_usage: unknown;
  kind: string;
};

export async function callsOf(t: TestDb, keyId: number): Promise<CallRow[]> {
  return t.sql<CallRow[]>`select *, billing_day::text as billing_day from calls where key_id = ${keyId} order by id`;
}

export async function countersOf(t: TestDb, keyId: number) {
  const rows = await t.sql<{ day: string; images_used: number; images_reserved: number; cost_used: number; cost_reserved: number }[]>`
    select day::text as day, images_used, images_reserved, cost_used_micros::float8 as cost_used,
           cost_reserved_micros::float8 as cost_reserved
    from key_day_counters where key_id = ${keyId} order by day`;
  return rows.map((r) => ({ ...r }));
}

export async function leasesOf(t: TestDb, keyId: number): Promise<number> {
  const [row] = await t.sql<{ n: number }[]>`select count(*)::int as n from in_flight where key_id = ${keyId}`;
  return row!.n;
}

/** Polls until `check` passes (the server records some outcomes after the client has gone). */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
