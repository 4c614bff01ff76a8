import "server-only";
import { createHash } from "node:crypto";
import type postgres from "postgres";
import type { Db } from "@/db";
import type { ApiKey } from "@/db/schema";
import { AppError, invalidRequest } from "@/lib/errors";

/**
 * `Idempotency-Key` on POST /images/generations, as OpenAI and Stripe do it: the first answer
 * to a key (per API key) is kept 24 h. The same key with the same body (byte for byte) gets that
 * answer again, status, headers and body, without running or billing anything; another body
 * gets 422 idempotency_key_reused; a retry while the first call still runs gets 409
 * idempotency_key_in_use. Only final answers are kept: a 5xx, a 429 or a client that left
 * (499) frees the key, so the client can retry it. A pending claim whose process died is taken
 * over once it is older than the lease TTL.
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";
const TTL_MS = 24 * 3_600_000;
const MAX_KEY_CHARS = 255;
/** Headers of the first answer that are replayed (the rest are per-answer). */
const KEPT_HEADERS = ["content-type", "retry-after", "x-request-id", "x-imgledger-billed-micros", "x-imgledger-price-version"];

export type IdempotencyClaim =
  | { kind: "none" }
  | { kind: "replay"; response: Response }
  | { kind: "owner"; finish: (res: Response) => Promise<Response> };

/** The header's value, validated (400 naming it); undefined when absent. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const value = req.headers.get(IDEMPOTENCY_HEADER);
  if (value === null) return undefined;
  const v = value.trim();
  if (v.length === 0 || v.length > MAX_KEY_CHARS || !/^[\x21-\x7e]+$/.test(v)) {
    throw invalidRequest(`Idempotency-Key must be 1 to ${MAX_KEY_CHARS} visible ASCII characters`, "Idempotency-Key");
  }
  return v;
}

export async function claimIdempotencyKey(
  db: Db,
  input: { key: ApiKey; idemKey: string | undefined; body: string; requestId: string; now: Date; staleAfterS: number },
): Promise<IdempotencyClaim> {
  if (input.idemKey === undefined) return { kind: "none" };
  const sql = clientOf(db);
  const bodyHash = createHash("sha256").update(input.body).digest("hex");
  const nowIso = input.now.toISOString();
  const expires = new Date(input.now.getTime() + TTL_MS).toISOString();
  // Claim the key, or take over an expired answer or an abandoned claim, in one statement.
  const [claimed] = await sql<{ request_id: string }[]>`
    insert into idempotency_keys as i (account_id, key_id, idem_key, body_hash, request_id, created_at, expires_at)
    values (${input.key.accountId}, ${input.key.id}, ${input.idemKey}, ${bodyHash}, ${input.requestId}, ${nowIso}, ${expires})
    on conflict (account_id, key_id, idem_key) do update set
      body_hash = excluded.body_hash, request_id = excluded.request_id, created_at = excluded.created_at,
      expires_at = excluded.expires_at, response_status = null, response_headers = null, response_body = null
    where i.expires_at <= ${nowIso}::timestamptz
       or (i.response_status is null and i.created_at <= ${nowIso}::timestamptz - make_interval(secs => ${input.staleAfterS}::int))
    returning request_id`;
  if (claimed?.request_id === input.requestId) {
    return { kind: "owner", finish: (res) => finish(sql, input.key, input.idemKey!, input.requestId, res) };
  }
  const [row] = await sql<{ body_hash: string; response_status: number | null; response_headers: Record<string, string> | null; response_body: string | null }[]>`
    select body_hash, response_status, response_headers, response_body from idempotency_keys
    where account_id = ${input.key.accountId} and key_id = ${input.key.id} and idem_key = ${input.idemKey}`;
  if (!row) {
    // Freed between the two statements (the first call failed): this request may retry it.
    throw new AppError(409, "invalid_request_error", "idempotency_key_in_use", "A request with this Idempotency-Key just finished: retry", "Idempotency-Key", { "retry-after": "1" });
  }
  if (row.body_hash !== bodyHash) {
    throw new AppError(422, "invalid_request_error", "idempotency_key_reused",
      "This Idempotency-Key was used with a different request body: use a new key for a new request", "Idempotency-Key");
  }
  if (row.response_status === null) {
    throw new AppError(409, "invalid_request_error", "idempotency_key_in_use",
      "A request with this Idempotency-Key is still running: retry after it finishes", "Idempotency-Key", { "retry-after": "1" });
  }
  const headers = new Headers(row.response_headers ?? {});
  headers.set("idempotent-replayed", "true");
  return { kind: "replay", response: new Response(row.response_body, { status: row.response_status, headers }) };
}

/** Keeps a final answer (or frees the key for a retry) and returns the answer to send. */
async function finish(sql: postgres.Sql, key: ApiKey, idemKey: string, requestId: string, res: Response): Promise<Response> {
  const where = sql`account_id = ${key.accountId} and key_id = ${key.id} and idem_key = ${idemKey} and request_id = ${requestId}`;
  const log = (err: unknown) =>
    // The answer still goes out; a claim left pending is taken over after the lease TTL.
    console.error(`[imgledger] idempotency answer of ${requestId} not kept`, err instanceof Error ? err.message : err);
  if (res.status >= 500 || res.status === 429 || res.status === 499) {
    await sql`delete from idempotency_keys where ${where}`.catch(log);
    return res;
  }
  const body = await res.text();
  res.headers.set("x-request-id", requestId);
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (res.headers.has(h) ? [[h, res.headers.get(h)!]] : [])));
  await sql`
    update idempotency_keys set response_status = ${res.status}, response_headers = ${JSON.stringify(headers)}::jsonb, response_body = ${body}
    where ${where}`.catch(log);
  return new Response(body, { status: res.status, headers: res.headers });
}

function clientOf(db: Db): postgres.Sql {
  const client = (db as unknown as { $client?: postgres.Sql }).$client;
  if (!client) throw new Error("idempotency needs a postgres.js-backed database");
  return client;
}
