import "server-only";
import { errorResponse } from "@/lib/api/route";
import { engineDeadlineS, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { promptPreviewOf, type CallRecord } from "@/lib/ledger/record-call";
import { releaseLease } from "@/lib/limits/release";
import { reserveCall, type Lease, type Rejection } from "@/lib/limits/reserve";
import { releaseServiceSlot } from "@/lib/limits/service-slots";
import { loadPriceBook } from "@/lib/pricing/load";
import { priceImageCall, UnpricedSizeError, type ImagePrice } from "@/lib/pricing/price";
import {
  CLIENT_CLOSED,
  concurrencyExhausted,
  dailyCostExhausted,
  imageDailyLimit,
  invalidApiKey,
  keyExpired,
  leaseExpired,
  providerUnavailable,
  serviceOverloaded,
  totalCostExhausted,
  unsupportedSize,
} from "./errors";
import { claimIdempotencyKey, idempotencyKeyOf } from "./idempotency";
import { generateLocal } from "./local-engine";
import { MODEL, parseImageRequest, readImageBody, type ImageRequest, type PartialImageRequest } from "./parse-request";
import { recordRejection, settleCall } from "./settle";
import { ClientClosedError, generateUpstream, UpstreamError, type GeneratedImages } from "./upstream";
import type { GatewayContext } from "./with-gateway";

/**
 * POST /images/generations: read the body, honour an Idempotency-Key, then generate. Every
 * outcome after the key check has a ledger row except an idempotent replay (nothing ran) and
 * the idempotency conflicts (409 / 422: nothing ran either); only a delivered answer is billed.
 */
export async function generateImages(ctx: GatewayContext): Promise<Response> {
  const known: PartialImageRequest = {};
  let text: string;
  let idemKey: string | undefined;
  try {
    text = await readImageBody(ctx.req);
    idemKey = idempotencyKeyOf(ctx.req);
  } catch (err) {
    return refused(ctx, known, err);
  }
  const claim = await claimIdempotencyKey(ctx.db, {
    key: ctx.key,
    idemKey,
    body: text,
    requestId: ctx.requestId,
    now: ctx.now,
    staleAfterS: env.LEASE_TTL_S,
  });
  if (claim.kind === "replay") return claim.response;
  if (claim.kind === "none") return generateFromBody(ctx, text, known);
  let res: Response;
  try {
    res = await generateFromBody(ctx, text, known);
  } catch (err) {
    res = errorResponse(err, ctx.requestId);
  }
  return claim.finish(res);
}

/** A request refused before anything was reserved: its ledger row, then the error (or a 499). */
async function refused(ctx: GatewayContext, known: PartialImageRequest, err: unknown): Promise<Response> {
  if (ctx.req.signal.aborted) {
    // Gone while sending its body: nothing to answer, still a call the key made.
    await recordRejection(ctx.db, callRecord(ctx, known, { status: CLIENT_CLOSED.status, code: CLIENT_CLOSED.code }));
    return new Response(null, { status: CLIENT_CLOSED.status });
  }
  if (err instanceof AppError) await recordRejection(ctx.db, callRecord(ctx, known, { status: err.status, code: err.code }));
  throw err;
}

/**
 * Validate, price, reserve every limit, call the engine, then record the outcome and release
 * the reservation.
 */
async function generateFromBody(ctx: GatewayContext, text: string, known: PartialImageRequest): Promise<Response> {
  const { db, key, now } = ctx;
  const record = (outcome: Outcome): CallRecord => callRecord(ctx, known, outcome);

  let image: ImageRequest;
  let price: ImagePrice;
  try {
    image = parseImageRequest(text, env.ALLOWED_SIZES, known);
    price = priceOf(image, await loadPriceBook(db, now));
  } catch (err) {
    return refused(ctx, known, err);
  }

  const admission = await reserveCall(db, {
    keyId: key.id,
    accountId: key.accountId,
    requestId: ctx.requestId,
    now,
    n: image.n,
    costMicros: price.billedMicros,
    leaseTtlS: env.LEASE_TTL_S,
    maxInflight: env.MAX_INFLIGHT,
  });
  if (!admission.ok) {
    const err = rejectionError(admission.rejection, now);
    await recordRejection(db, record({ status: err.status, code: err.code }));
    throw err;
  }

  const lease = admission.lease;
  let settling = false;
  try {
    let result: GeneratedImages;
    try {
      result = await runEngine(image, ctx.req.signal);
      await testPauseAfterEngine(ctx.req);
      if (ctx.req.signal.aborted) throw new ClientClosedError();
    } catch (err) {
      const closed = err instanceof ClientClosedError || ctx.req.signal.aborted;
      const failure = closed
        ? { status: CLIENT_CLOSED.status, code: CLIENT_CLOSED.code }
        : err instanceof UpstreamError
          ? providerUnavailable(err.message)
          : { status: 500, code: "internal_error" };
      settling = true;
      const outcome = await settleCall(db, record({ status: failure.status, code: failure.code }), lease);
      // Nothing was delivered: an unrecorded failure need not hold the key's limits.
      if (outcome === "unrecorded") await releaseLeaseLogged(db, lease);
      if (closed) return new Response(null, { status: CLIENT_CLOSED.status });
      throw failure instanceof AppError ? failure : err;
    }

    const delivered = result.data.length;
    settling = true;
    const outcome = await settleCall(db, record({ status: 200, code: null, delivered, price, usage: result.usage }), lease, {
      clientGone: () => ctx.req.signal.aborted,
      beforeLastCheck: env.TEST_HOOKS ? () => testHoldBeforeCommit(ctx) : undefined,
    });
    if (outcome === "client_gone") return new Response(null, { status: CLIENT_CLOSED.status });
    if (outcome === "lease_gone") throw leaseExpired();
    // Never deliver what could not be billed (the lease, if still held, expires and is reclaimed).
    if (outcome === "unrecorded") throw new Error(`call ${ctx.requestId} could not be recorded`);
    // What was billed, so clients (the playground) show the ledger's figure, not their own estimate.
    return Response.json(
      { created: Math.floor(now.getTime() / 1000), data: result.data },
      { headers: { "x-imgledger-billed-micros": String(delivered * price.perImageMicros), "x-imgledger-price-version": String(price.priceVersion) } },
    );
  } finally {
    releaseServiceSlot();
    if (!settling) await releaseLeaseLogged(db, lease);
  }
}

function releaseLeaseLogged(db: GatewayContext["db"], lease: Lease): Promise<void> {
  return releaseLease(db, lease).catch((err: unknown) =>
    console.error(`[imgledger] lease ${lease.requestId} left to expire`, err instanceof Error ? err.message : err),
  );
}

/** Test servers only (TEST_HOOKS): hold the call after the engine returned, e.g. past its lease. */
async function testPauseAfterEngine(req: Request): Promise<void> {
  const ms = env.TEST_HOOKS ? Number(req.headers.get("x-imgledger-test-pause-after-engine-ms") ?? 0) : 0;
  if (ms > 0) await new Promise((r) => setTimeout(r, Math.min(ms, 60_000)));
}

/**
 * Test servers only: with `x-imgledger-test-hold-before-commit: on`, announce the hold on stdout
 * and wait (at most 10 s) for the client to close, at the last instant before a billed row commits.
 */
async function testHoldBeforeCommit(ctx: GatewayContext): Promise<void> {
  if (ctx.req.headers.get("x-imgledger-test-hold-before-commit") !== "on") return;
  console.log(`[imgledger test hook] ${ctx.requestId} holding before commit`);
  const signal = ctx.req.signal;
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** The engine without any check or ledger: what the benchmark's bypass route runs. */
export async function generateImagesUnchecked(req: Request): Promise<Response> {
  const image = parseImageRequest(await readImageBody(req), env.ALLOWED_SIZES);
  const now = new Date();
  const result = await runEngine(image, req.signal);
  return Response.json({ created: Math.floor(now.getTime() / 1000), data: result.data });
}

function runEngine(image: ImageRequest, signal: AbortSignal): Promise<GeneratedImages> {
  if (env.UPSTREAM_BASE_URL) {
    return generateUpstream(
      image,
      // Never past the call's lease: see engineDeadlineS.
      { baseUrl: env.UPSTREAM_BASE_URL, apiKey: env.UPSTREAM_API_KEY, timeoutS: engineDeadlineS(env) },
      signal,
    );
  }
  return generateLocal(image, { delayMs: env.LOCAL_ENGINE_DELAY_MS, signal });
}

function priceOf(image: ImageRequest, book: Parameters<typeof priceImageCall>[0]): ImagePrice {
  try {
    return priceImageCall(book, image);
  } catch (err) {
    // An allowed size the price book has no price for cannot be sold.
    if (err instanceof UnpricedSizeError) throw unsupportedSize(image.size, env.ALLOWED_SIZES);
    throw err;
  }
}

function rejectionError(r: Rejection, now: Date): AppError {
  switch (r.code) {
    case "concurrency_exhausted":
      return concurrencyExhausted(r.cap);
    case "image_daily_limit":
      return imageDailyLimit(r.cap, r.used, r.n, r.resetsAt, now);
    case "crs_daily_exhausted":
      return dailyCostExhausted(r.resetsAt, now);
    case "crs_total_exhausted":
      return totalCostExhausted();
    case "service_overloaded":
      return serviceOverloaded();
    case "key_inactive":
      return r.expired ? keyExpired() : invalidApiKey("API key disabled");
  }
}

type Outcome = {
  status: number;
  code: string | null;
  delivered?: number;
  price?: ImagePrice;
  usage?: unknown;
};

function callRecord(ctx: GatewayContext, known: PartialImageRequest, o: Outcome): CallRecord {
  const delivered = o.delivered ?? 0;
  const keepPrompt = env.PROMPT_PREVIEW && ctx.key.promptPreview && known.prompt !== undefined;
  return {
    requestId: ctx.requestId,
    accountId: ctx.key.accountId,
    keyId: ctx.key.id,
    kind: "image",
    model: MODEL,
    createdAt: ctx.now,
    latencyMs: Date.now() - ctx.startedMs,
    region: env.REGION,
    size: known.size ?? null,
    quality: known.quality ?? null,
    n: known.n ?? 1,
    imagesDelivered: delivered,
    httpStatus: o.status,
    errorCode: o.code,
    // Billed per image delivered: an upstream that returns fewer images than asked for bills fewer.
    costMicros: o.price ? delivered * o.price.perImageMicros : 0,
    unitPriceMicros: o.price?.unitPriceMicros ?? null,
    floorMicros: o.price?.floorMicros ?? null,
    priceVersion: o.price?.priceVersion ?? null,
    promptPreview: keepPrompt ? promptPreviewOf(known.prompt!) : null,
    upstreamUsage: o.usage ?? null,
  };
}
