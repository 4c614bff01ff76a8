import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { apiKeys, type ApiKey } from "@/db/schema";
import { env } from "@/lib/env";
import { lookupHashForToken, TOKEN_PATTERN } from "@/lib/keys/hash";
import { loadPriceBook, NoPriceBookError } from "@/lib/pricing/load";
import { priceImageCall, UnpricedSizeError } from "@/lib/pricing/price";
import { IMAGE_QUALITIES } from "@/lib/pricing/price-book";
import { isStorableText, storableText } from "./storable-text";
import { promptPreviewOf, recordCall, type CallRecord } from "./record-call";

/** Events per request (and per batch of `npm run ledger:import`). */
export const MAX_INGEST_EVENTS = 1_000;
/** Request body ceiling of the ingest endpoint. */
export const MAX_INGEST_BODY_BYTES = 5 * 1024 * 1024;
/** Clocks of other gateways drift; anything further ahead than this is a bad event, not drift. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const imageBlock = z.object({
  /** Any WxH: a failed call may carry a size outside the price book (unsupported_size). */
  size: z.string().regex(/^\d{2,5}x\d{2,5}$/, "must be a size such as 1024x1024"),
  quality: z.enum(IMAGE_QUALITIES, { error: `must be one of ${IMAGE_QUALITIES.join(", ")}` }),
  n: z.number().int().min(1).max(4),
  /** Images delivered. The cost is computed from the price book, never taken from the event. */
  images: z.number().int().min(0).max(4),
});

const chatBlock = z.object({
  input_tokens: z.number().int().min(0),
  output_tokens: z.number().int().min(0),
  /** Chat prices live with the chat gateway, so its billed cost is recorded as sent. */
  cost_micros: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/**
 * A string the ledger stores: NUL or a lone surrogate is a bad event (400-style reason naming the
 * field), not a database failure to retry.
 */
const stored = (schema: z.ZodString) => schema.refine(isStorableText, storableText.message);

/** One call seen by another gateway. Unknown fields are ignored. */
export const ingestEventSchema = z
  .object({
    request_id: stored(z.string().min(1).max(200)),
    /** sha256 hex of the raw key (what the usage page sends); or `key_id`. */
    key_token: z.string().regex(TOKEN_PATTERN, "must be the 64-character sha256 hex of the key").optional(),
    key_id: z.number().int().positive().optional(),
    kind: z.enum(["image", "chat"]),
    model: stored(z.string().min(1).max(100)),
    created_at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time with a zone offset" }),
    latency_ms: z.number().int().min(0).max(24 * 3_600_000),
    region: stored(z.string().min(1).max(32)).optional(),
    status: z.number().int().min(200).max(599),
    error_code: z.string().regex(/^[a-z0-9_]{1,64}$/, "must be a lower-case code").nullish(),
    prompt_preview: stored(z.string().max(10_000)).optional(),
    image: imageBlock.optional(),
    chat: chatBlock.optional(),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((e.key_token === undefined) === (e.key_id === undefined)) issue("key_token", "give exactly one of key_token and key_id");
    if (e.kind === "image" && !e.image) issue("image", "an image event needs an image block");
    if (e.kind === "chat" && !e.chat) issue("chat", "a chat event needs a chat block");
    if (e.kind === "image" && e.chat) issue("chat", "an image event has no chat block");
    if (e.kind === "chat" && e.image) issue("image", "a chat event has no image block");
    if (e.status >= 300 && e.status < 400) issue("status", "must be 2xx (success) or 4xx/5xx (failure)");
    const failed = e.status >= 400;
    if (failed && !e.error_code) issue("error_code", `a failed call (status ${e.status}) needs an error_code`);
    if (!failed && e.error_code) issue("error_code", `a successful call (status ${e.status}) has no error_code`);
    if (failed && e.image && e.image.images !== 0) issue("image.images", "a failed call delivers no images");
    if (failed && e.chat && e.chat.cost_micros !== 0) issue("chat.cost_micros", "a failed call is not billed");
    if (!failed && e.image && (e.image.images < 1 || e.image.images > e.image.n)) {
      issue("image.images", "a successful image call delivers between 1 and n images");
    }
  });

export type IngestEvent = z.infer<typeof ingestEventSchema>;

export type IngestItem = {
  index: number;
  request_id: string | null;
  status: "accepted" | "duplicate" | "rejected";
  reason?: string;
};

export type IngestResult = { accepted: number; duplicates: number; rejected: number; results: IngestItem[] };

/**
 * Records a batch of calls seen by other gateways. Each event is validated and recorded on its
 * own (its own transaction through `recordCall`), so one bad event never costs the good ones;
 * a retried event is reported as a duplicate by the ledger's idempotency on (key, request_id).
 * Image costs always come from the price book in effect at the call's time.
 */
export async function ingestEvents(db: DbOrTx, events: readonly unknown[], now: Date = new Date()): Promise<IngestResult> {
  if (events.length > MAX_INGEST_EVENTS) {
    throw new RangeError(`at most ${MAX_INGEST_EVENTS} events per batch, got ${events.length}`);
  }
  const parsed = events.map((raw) => ingestEventSchema.safeParse(raw));
  const keys = await resolveKeys(db, parsed.flatMap((p) => (p.success ? [p.data] : [])));

  const results: IngestItem[] = [];
  for (const [index, p] of parsed.entries()) {
    const requestId = requestIdOf(events[index]);
    if (!p.success) {
      results.push({ index, request_id: requestId, status: "rejected", reason: describeIssues(p.error) });
      continue;
    }
    const item = await recordOne(db, p.data, keys, now);
    results.push({ index, request_id: requestId, ...item });
  }
  const count = (s: IngestItem["status"]) => results.filter((r) => r.status === s).length;
  return { accepted: count("accepted"), duplicates: count("duplicate"), rejected: count("rejected"), results };
}

type KeyIndex = { byToken: Map<string, ApiKey>; byId: Map<number, ApiKey> };

/** One query per identifier kind for the whole batch, not one per event. */
async function resolveKeys(db: DbOrTx, events: IngestEvent[]): Promise<KeyIndex> {
  const hashes = [...new Set(events.flatMap((e) => (e.key_token ? [lookupHashForToken(e.key_token)] : [])))];
  const ids = [...new Set(events.flatMap((e) => (e.key_id !== undefined ? [e.key_id] : [])))];
  const byHash = hashes.length ? await db.select().from(apiKeys).where(inArray(apiKeys.lookupHash, hashes)) : [];
  const byIdRows = ids.length ? await db.select().from(apiKeys).where(inArray(apiKeys.id, ids)) : [];
  const byToken = new Map<string, ApiKey>();
  for (const e of events) {
    if (!e.key_token) continue;
    const key = byHash.find((k) => k.lookupHash === lookupHashForToken(e.key_token!));
    if (key) byToken.set(e.key_token, key);
  }
  return { byToken, byId: new Map(byIdRows.map((k) => [k.id, k])) };
}

async function recordOne(db: DbOrTx, e: IngestEvent, keys: KeyIndex, now: Date): Promise<Omit<IngestItem, "index" | "request_id">> {
  const rejected = (reason: string) => ({ status: "rejected" as const, reason });
  const key = e.key_token ? keys.byToken.get(e.key_token) : keys.byId.get(e.key_id!);
  if (!key) return rejected(e.key_token ? "key_token: no key matches this token" : `key_id: no key ${e.key_id}`);
  const createdAt = new Date(e.created_at);
  if (createdAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) return rejected("created_at: is in the future");

  let record: CallRecord;
  try {
    record = await toCallRecord(db, e, key, createdAt);
  } catch (err) {
    if (err instanceof UnpricedSizeError) return rejected(`image: no price for size ${err.size} and quality ${err.quality}`);
    if (err instanceof NoPriceBookError) return rejected("created_at: no price book was in effect at this time");
    throw err;
  }
  try {
    const r = await recordCall(db, record);
    return { status: r.status === "inserted" ? "accepted" : "duplicate" };
  } catch (err) {
    console.error("[imgledger] ingest: event not recorded", err instanceof Error ? err.message : err);
    return rejected("could not be recorded; retry later");
  }
}


async function toCallRecord(db: DbOrTx, e: IngestEvent, key: ApiKey, createdAt: Date): Promise<CallRecord> {
  const failed = e.status >= 400;
  const base = {
    requestId: e.request_id,
    accountId: key.accountId,
    keyId: key.id,
    kind: e.kind,
    model: e.model,
    createdAt,
    latencyMs: e.latency_ms,
    region: e.region ?? null,
    httpStatus: e.status,
    errorCode: failed ? e.error_code! : null,
    promptPreview:
      env.PROMPT_PREVIEW && key.promptPreview && e.prompt_preview ? promptPreviewOf(e.prompt_preview) : null,
  };
  if (e.kind === "chat") {
    const chat = e.chat!;
    return { ...base, n: 1, imagesDelivered: 0, costMicros: chat.cost_micros, inputTokens: chat.input_tokens, outputTokens: chat.output_tokens };
  }
  const image = e.image!;
  const shape = { ...base, size: image.size, quality: image.quality, n: image.n };
  if (failed) return { ...shape, imagesDelivered: 0, costMicros: 0 };
  const book = await loadPriceBook(db, createdAt);
  const price = priceImageCall(book, { size: image.size, quality: image.quality, n: image.n });
  return {
    ...shape,
    imagesDelivered: image.images,
    // Billed per image delivered, as the gateway bills a short delivery.
    costMicros: image.images * price.perImageMicros,
    unitPriceMicros: price.unitPriceMicros,
    floorMicros: price.floorMicros,
    priceVersion: price.priceVersion,
  };
}

function requestIdOf(raw: unknown): string | null {
  if (raw && typeof raw === "object" && "request_id" in raw) {
    const id = (raw as { request_id: unknown }).request_id;
    if (typeof id === "string") return id.slice(0, 200);
  }
  return null;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "event"}: ${i.message}`)
    .join("; ");
}

/** The request body: `{ events: [...] }`, each event validated on its own by `ingestEvents`. */
export const ingestBatchSchema = z.object({
  events: z
    .array(z.unknown())
    .min(1, "send at least one event")
    .max(MAX_INGEST_EVENTS, `at most ${MAX_INGEST_EVENTS.toLocaleString("en-US")} events per request`),
});
