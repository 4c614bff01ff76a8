/**
 * The billing day: the calendar day in Asia/Shanghai (UTC+8 all year, no daylight saving since
 * 1991), when daily image caps and cost limits reset. Computed from the UTC instant only, so
 * the result never depends on the process or database session time zone. Client-safe.
 */
export const BILLING_TZ = "Asia/Shanghai";
/** The zone's fixed offset, as written after a Beijing wall-clock time. */
export const BILLING_UTC_OFFSET = "+08:00";
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 2026-11-23T16:00:00Z → "2026-11-24" */
export function billingDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The Beijing wall-clock time of an instant, ISO-shaped without a zone:
 * 2026-11-24T15:59:59.123Z → "2026-11-24T23:59:59.123". Callers slice what they show.
 */
export function beijingWallClock(at: Date | string): string {
  const ms = typeof at === "string" ? Date.parse(at) : at.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 23);
}

/** The UTC instant at which billing day `day` starts (00:00 Beijing time). */
export function billingDayStart(day: string): Date {
  assertDay(day);
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

/** The next reset: midnight Beijing time after `at`. */
export function nextReset(at: Date): Date {
  return billingDayStart(addDays(billingDay(at), 1));
}

export function addDays(day: string, delta: number): string {
  assertDay(day);
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** The `count` billing days ending with the day of `at`, oldest first. */
export function lastBillingDays(at: Date, count: number): string[] {
  const today = billingDay(at);
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export function isDay(value: string): boolean {
  return DAY_RE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

function assertDay(day: string) {
  if (!isDay(day)) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
}
