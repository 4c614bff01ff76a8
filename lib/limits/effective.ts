import type { ApiKey } from "@/db/schema";

export const LIMIT_FIELDS = ["dailyImageCap", "concurrencyCap", "dailyCostLimitMicros", "totalCostLimitMicros"] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

export type EffectiveLimits = {
  dailyImageCap: number;
  concurrencyCap: number;
  /** Null = no limit. */
  dailyCostLimitMicros: number | null;
  totalCostLimitMicros: number | null;
  /** For each limit, when its temporary override in force ends (null: the permanent value applies). */
  until: Record<LimitField, Date | null>;
  /** The earliest end of the temporary overrides in force, if any. */
  temporaryUntil: Date | null;
};

export type KeyLimitColumns = Pick<
  ApiKey,
  | "dailyImageCap"
  | "concurrencyCap"
  | "dailyCostLimitMicros"
  | "totalCostLimitMicros"
  | "tempDailyImageCap"
  | "tempDailyImageCapUntil"
  | "tempConcurrencyCap"
  | "tempConcurrencyCapUntil"
  | "tempDailyCostLimitMicros"
  | "tempDailyCostLimitUntil"
  | "tempTotalCostLimitMicros"
  | "tempTotalCostLimitUntil"
>;

/**
 * The limits in force at `now`. Each temporary override wins while its own end is after `now`,
 * so raises of different limits with different ends do not disturb each other, and a value
 * reverts at its instant without any job running.
 */
export function effectiveLimits(key: KeyLimitColumns, now: Date): EffectiveLimits {
  const pick = <T>(temp: T | null, until: Date | null, permanent: T): [T, Date | null] =>
    temp !== null && until !== null && until.getTime() > now.getTime() ? [temp, until] : [permanent, null];
  const [dailyImageCap, dailyImageCapUntil] = pick(key.tempDailyImageCap, key.tempDailyImageCapUntil, key.dailyImageCap);
  const [concurrencyCap, concurrencyCapUntil] = pick(key.tempConcurrencyCap, key.tempConcurrencyCapUntil, key.concurrencyCap);
  const [dailyCostLimitMicros, dailyCostUntil] = pick<number | null>(
    key.tempDailyCostLimitMicros,
    key.tempDailyCostLimitUntil,
    key.dailyCostLimitMicros,
  );
  const [totalCostLimitMicros, totalCostUntil] = pick<number | null>(
    key.tempTotalCostLimitMicros,
    key.tempTotalCostLimitUntil,
    key.totalCostLimitMicros,
  );
  const until = {
    dailyImageCap: dailyImageCapUntil,
    concurrencyCap: concurrencyCapUntil,
    dailyCostLimitMicros: dailyCostUntil,
    totalCostLimitMicros: totalCostUntil,
  };
  const ends = Object.values(until).filter((d): d is Date => d !== null);
  return {
    dailyImageCap,
    concurrencyCap,
    dailyCostLimitMicros,
    totalCostLimitMicros,
    until,
    temporaryUntil: ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null,
  };
}
