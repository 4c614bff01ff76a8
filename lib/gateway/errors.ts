import "server-only";
import { AppError, invalidApiKey, invalidRequest } from "@/lib/errors";

/**
 * The gateway's errors, one constructor per code of the API reference, with its HTTP status and
 * the OpenAI error type a client library maps it to.
 */
export { invalidApiKey, invalidRequest };

export const keyExpired = () => new AppError(401, "authentication_error", "key_expired", "API key expired");

export const bodyTooLarge = (limitBytes: number) =>
  new AppError(
    413,
    "invalid_request_error",
    "invalid_request_error",
    `Request body exceeds the ${limitBytes / 1024 / 1024} MiB limit`,
    "body",
  );

/** A body that is not declared JSON is refused before it is read (no guessing at text/plain). */
export const unsupportedMediaType = () =>
  new AppError(
    415,
    "invalid_request_error",
    "unsupported_media_type",
    "Send the body as JSON with the header `Content-Type: application/json`",
    "Content-Type",
  );

export const unsupportedSize = (size: string, allowed: readonly string[]) =>
  new AppError(
    422,
    "invalid_request_error",
    "unsupported_size",
    `size '${truncate(size)}' is not supported: use one of ${allowed.join(", ")}`,
    "size",
  );

const retryAfter = (seconds: number) => ({ "retry-after": String(Math.max(1, Math.ceil(seconds))) });

export const concurrencyExhausted = (cap: number) =>
  new AppError(
    429,
    "rate_limit_error",
    "concurrency_exhausted",
    `Concurrency limit reached: this key allows ${cap} request${cap === 1 ? "" : "s"} in flight`,
    undefined,
    retryAfter(1),
  );

export const imageDailyLimit = (cap: number, used: number, n: number, resetsAt: Date, now: Date) =>
  new AppError(
    429,
    "rate_limit_error",
    "image_daily_limit",
    `Daily image generation count limit reached: ${used} of ${cap} images used or in flight today, ` +
      `${n} requested; resets at ${resetsAt.toISOString()} (00:00 Beijing time)`,
    undefined,
    retryAfter((resetsAt.getTime() - now.getTime()) / 1000),
  );

export const dailyCostExhausted = (resetsAt: Date, now: Date) =>
  new AppError(
    429,
    "rate_limit_error",
    "crs_daily_exhausted",
    `Daily cost limit of this key reached; resets at ${resetsAt.toISOString()} (00:00 Beijing time)`,
    undefined,
    retryAfter((resetsAt.getTime() - now.getTime()) / 1000),
  );

export const totalCostExhausted = () =>
  new AppError(429, "rate_limit_error", "crs_total_exhausted", "Total cost limit of this key reached");

export const serviceOverloaded = () =>
  new AppError(503, "server_error", "service_overloaded", "Service is overloaded, retry shortly", undefined, retryAfter(1));

/**
 * A call that outlived its lease (reclaimed and handed to other calls) whose images no longer
 * fit under the caps in force is not delivered and not billed. Recorded as 503
 * service_overloaded; the client may retry (and meets the cap it is over).
 */
export const leaseExpired = () =>
  new AppError(
    503,
    "server_error",
    "service_overloaded",
    "The call took longer than its reservation and was not delivered; nothing was billed, retry shortly",
    undefined,
    retryAfter(1),
  );

export const providerUnavailable = (why: string) =>
  new AppError(
    503,
    "server_error",
    "image_provider_unavailable",
    `Upstream image provider temporarily unavailable (${why}), retry shortly`,
    undefined,
    retryAfter(5),
  );

/** Never sent (the client is gone); it is what the ledger records for a disconnect. */
export const CLIENT_CLOSED = { status: 499, code: "client_closed" } as const;

function truncate(s: string) {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
