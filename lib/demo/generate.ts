import "server-only";
import type { CallRecord } from "@/lib/ledger/record-call";
import { promptPreviewOf } from "@/lib/ledger/record-call";
import { priceImageCall } from "@/lib/pricing/price";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";
import { addDays, billingDay, billingDayStart } from "@/lib/time/billing-day";
import { CHAT_MODELS, demoPrompt, HOUR_WEIGHTS, type DemoKeySpec } from "./catalog";
import { Rng } from "./random";

export const DEMO_DAYS = 45;

export type DemoKeyRow = { spec: DemoKeySpec; id: number; accountId: number; expiresAt: Date | null; disabledAt: Date | null };

const HOUR_MS = 3_600_000;
/** A provider incident: this many days ago, 14:00–15:30 Beijing time, upstream mostly down. */
const INCIDENT_DAYS_AGO = 17;
const INCIDENT_FROM_H = 14;
const INCIDENT_TO_H = 15.5;

/** Typical range and complex-prompt p99 of generation latency per quality, in seconds. */
const LATENCY: Record<string, { lo: number; hi: number; p99: number }> = {
  low: { lo: 20, hi: 35, p99: 50 },
  medium: { lo: 50, hi: 90, p99: 120 },
  high: { lo: 70, hi: 120, p99: 150 },
};

const QUALITIES = ["low", "medium", "high"] as const;
const HOURS = HOUR_WEIGHTS.map((w, h) => [h, w] as const);
const COMMON_SIZES: [string, number][] = [["1024x1024", 6], ["1024x1536", 2], ["1536x1024", 2]];
const N_WEIGHTS: [number, number][] = [[1, 76], [2, 13], [3, 5], [4, 6]];

type Failure = { status: number; code: string };
const fail = (status: number, code: string): Failure => ({ status, code });

/** Running state of one key across the days, for its limits. */
type KeyState = { spent: number; totalExhaustedDay: string | null };

/**
 * Every call of the demo ledger for the billing days ending with `now`'s, oldest first per key.
 * Limits are applied as the gateway would (cap, daily and total cost), so limit errors appear
 * where a key actually ran into them. Only calls before `now` are kept.
 */
export function generateDemoCalls(seed: string, now: Date, keys: DemoKeyRow[]): CallRecord[] {
  const today = billingDay(now);
  const out: CallRecord[] = [];
  for (const key of keys) {
    const state: KeyState = { spent: 0, totalExhaustedDay: null };
    for (let daysAgo = DEMO_DAYS - 1; daysAgo >= 0; daysAgo--) {
      const day = addDays(today, -daysAgo);
      const rng = new Rng(seed, `${key.spec.account}/${key.spec.alias}/${daysAgo}`);
      out.push(...generateKeyDay(rng, key, state, day, daysAgo, now));
    }
  }
  return out;
}

function generateKeyDay(rng: Rng, key: DemoKeyRow, state: KeyState, day: string, daysAgo: number, now: Date): CallRecord[] {
  const spec = key.spec;
  const dayStart = billingDayStart(day);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  let activity = (weekday === 0 || weekday === 6 ? 0.6 : 1) * (0.8 + 0.3 * ((DEMO_DAYS - daysAgo) / DEMO_DAYS)) * rng.between(0.85, 1.15);
  if (state.totalExhaustedDay !== null && state.totalExhaustedDay < day) activity *= 0.25;
  const inactiveFrom = key.disabledAt ?? key.expiresAt;
  const dayEnd = dayStart.getTime() + 24 * HOUR_MS;
  if (inactiveFrom && inactiveFrom.getTime() < dayStart.getTime()) {
    // Clients keep trying a key that stopped working, less and less.
    const since = Math.floor((dayStart.getTime() - inactiveFrom.getTime()) / (24 * HOUR_MS));
    activity *= key.disabledAt ? 0.45 : Math.max(0.04, 0.3 * 0.75 ** since);
  }

  const stamps = (mean: number) =>
    Array.from({ length: rng.count(mean * activity) }, () => {
      const hour = rng.weighted(HOURS);
      return new Date(dayStart.getTime() + hour * HOUR_MS + Math.floor(rng.next() * HOUR_MS));
    });
  const nearCapToday = daysAgo === 0 && spec.imagesToday !== undefined;
  const imageTimes = nearCapToday ? spreadUntil(rng, dayStart, now, 140) : stamps(spec.imageCalls);
  const afterStop = inactiveFrom && inactiveFrom.getTime() < dayEnd;
  const chatTimes = stamps(spec.chatCalls).filter((t) => !(afterStop && t >= inactiveFrom!));
  const events = [
    ...imageTimes.map((at) => ({ at, kind: "image" as const })),
    ...chatTimes.map((at) => ({ at, kind: "chat" as const })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const records: CallRecord[] = [];
  let dayImages = 0;
  let dayCost = 0;
  for (const ev of events) {
    if (ev.at.getTime() >= now.getTime()) break;
    const r = ev.kind === "image" ? imageCall(rng, key, ev.at, daysAgo) : chatCall(rng, key, ev.at);
    if (r.errorCode === null) {
      const limit = limitFailure(key, state, dayImages, dayCost, r, nearCapToday);
      if (limit) Object.assign(r, unbilled(limit), { latencyMs: rng.int(3, 25) });
      if (limit?.code === "crs_total_exhausted") state.totalExhaustedDay ??= day;
    }
    if (nearCapToday && r.kind === "image" && r.errorCode === null) {
      const left = spec.imagesToday! - dayImages;
      if (left <= 0) continue;
      if (r.n! > left) Object.assign(r, priced(r.size!, r.quality!, left));
    }
    dayImages += r.imagesDelivered;
    dayCost += r.costMicros;
    state.spent += r.costMicros;
    records.push(r);
  }
  return records;
}

/** `count` instants spread over [from, to): today's traffic of the key that is near its cap. */
function spreadUntil(rng: Rng, from: Date, to: Date, count: number): Date[] {
  const span = Math.max(60_000, to.getTime() - from.getTime());
  return Array.from({ length: count }, () => new Date(from.getTime() + Math.floor(rng.next() * span)));
}

function limitFailure(key: DemoKeyRow, state: KeyState, dayImages: number, dayCost: number, r: CallRecord, nearCapToday: boolean): Failure | null {
  const s = key.spec;
  if (s.totalCostLimitUsd !== undefined && state.spent + r.costMicros > s.totalCostLimitUsd * 1e6) return fail(429, "crs_total_exhausted");
  if (s.dailyCostLimitUsd !== undefined && dayCost + r.costMicros > s.dailyCostLimitUsd * 1e6) return fail(429, "crs_daily_exhausted");
  if (r.kind === "image" && !nearCapToday && dayImages + r.imagesDelivered > s.dailyImageCap) return fail(429, "image_daily_limit");
  return null;
}

function imageCall(rng: Rng, key: DemoKeyRow, at: Date, daysAgo: number): CallRecord {
  const s = key.spec;
  const quality = rng.weighted(QUALITIES.map((q, i) => [q, s.quality[i]!] as const));
  // The gateway sells only the common sizes: a 2048x2048 ask is refused as unsupported_size.
  const asks2048 = rng.chance(s.share2048);
  const size = rng.weighted(COMMON_SIZES);
  const n = rng.weighted(N_WEIGHTS);
  const chinese = rng.chance(s.chinesePrompts);
  const prompt = demoPrompt((items) => rng.pick(items), chinese);
  const random = randomImageFailure(rng, key, at, daysAgo);
  const failure = random?.status === 401 || !asks2048 ? random : fail(422, "unsupported_size");
  const base: CallRecord = {
    requestId: `req_${rng.hex(24)}`,
    accountId: key.accountId,
    keyId: key.id,
    kind: "image",
    model: "gpt-image-2",
    createdAt: at,
    latencyMs: imageLatency(rng, quality),
    region: rng.pick(s.regions),
    size,
    quality,
    promptPreview: s.promptPreview ? promptPreviewOf(prompt) : null,
    ...priced(size, quality, n),
  };
  if (!failure) return base;
  // As the gateway does, a size the API does not offer is not kept: it would show up as a
  // column of its own in every size breakdown.
  if (failure.code === "unsupported_size") return { ...base, ...unbilled(failure), size: null, latencyMs: failureLatency(rng, failure.code, base.latencyMs) };
  return { ...base, ...unbilled(failure), latencyMs: failureLatency(rng, failure.code, base.latencyMs) };
}

function randomImageFailure(rng: Rng, key: DemoKeyRow, at: Date, daysAgo: number): Failure | null {
  if (key.disabledAt && at >= key.disabledAt) return fail(401, "invalid_api_key");
  if (key.expiresAt && at >= key.expiresAt) return fail(401, "key_expired");
  if (daysAgo === INCIDENT_DAYS_AGO) {
    const hour = (at.getTime() - billingDayStart(billingDay(at)).getTime()) / HOUR_MS;
    if (hour >= INCIDENT_FROM_H && hour < INCIDENT_TO_H) {
      if (rng.chance(0.45)) return fail(503, "image_provider_unavailable");
      if (rng.chance(0.2)) return fail(503, "service_overloaded");
    }
  }
  const tightConcurrency = key.spec.concurrencyCap <= 2 ? 0.012 : 0.004;
  return rng.weighted<Failure | null>([
    [fail(429, "concurrency_exhausted"), tightConcurrency],
    [fail(503, "service_overloaded"), 0.003],
    [fail(503, "image_provider_unavailable"), 0.004],
    [fail(499, "client_closed"), 0.006],
    [fail(422, "unsupported_size"), 0.004],
    [fail(400, "invalid_request_error"), 0.003],
    [null, 1 - tightConcurrency - 0.02],
  ]);
}

function chatCall(rng: Rng, key: DemoKeyRow, at: Date): CallRecord {
  const m = rng.weighted(CHAT_MODELS.map((c) => [c, c.weight] as const));
  const inputTokens = Math.round(Math.exp(rng.between(Math.log(300), Math.log(60_000))));
  const outputTokens = Math.round(Math.exp(rng.between(Math.log(40), Math.log(4_000))));
  const failure = rng.weighted<Failure | null>([
    [fail(503, "service_overloaded"), 0.006],
    [fail(499, "client_closed"), 0.006],
    [null, 0.988],
  ]);
  const ok = failure === null;
  return {
    requestId: `chatcmpl_${rng.hex(24)}`,
    accountId: key.accountId,
    keyId: key.id,
    kind: "chat",
    model: m.model,
    createdAt: at,
    latencyMs: ok ? Math.round(600 + outputTokens * rng.between(8, 25)) : rng.int(200, 20_000),
    region: rng.pick(key.spec.regions),
    n: 1,
    imagesDelivered: 0,
    httpStatus: failure?.status ?? 200,
    errorCode: failure?.code ?? null,
    // Chat prices are per million tokens, so micro-USD per token is the same number.
    costMicros: ok ? Math.round(inputTokens * m.inPerM + outputTokens * m.outPerM) : 0,
    inputTokens: ok ? inputTokens : 0,
    outputTokens: ok ? outputTokens : 0,
  };
}

/** The billed fields of a successful image call: always from the price book. */
function priced(size: string, quality: string, n: number) {
  const p = priceImageCall(PRICE_BOOK_V1, { size, quality, n });
  return {
    n,
    imagesDelivered: n,
    httpStatus: 200,
    errorCode: null,
    costMicros: p.billedMicros,
    unitPriceMicros: p.unitPriceMicros,
    floorMicros: p.floorMicros,
    priceVersion: p.priceVersion,
  };
}

function unbilled(f: Failure) {
  return {
    httpStatus: f.status,
    errorCode: f.code,
    imagesDelivered: 0,
    costMicros: 0,
    unitPriceMicros: null,
    floorMicros: null,
    priceVersion: null,
  };
}

function imageLatency(rng: Rng, quality: string): number {
  const l = LATENCY[quality]!;
  // Mostly inside the typical range (triangular), one in twenty in the slow tail up to p99.
  const seconds = rng.chance(0.95)
    ? l.lo + ((rng.next() + rng.next()) / 2) * (l.hi - l.lo)
    : l.hi + rng.next() * (l.p99 - l.hi);
  return Math.round(seconds * 1000);
}

function failureLatency(rng: Rng, code: string, generationMs: number): number {
  switch (code) {
    case "image_provider_unavailable":
      return rng.int(800, 30_000);
    case "client_closed":
      return Math.round(generationMs * rng.between(0.1, 0.9));
    default:
      return rng.int(2, 40);
  }
}
