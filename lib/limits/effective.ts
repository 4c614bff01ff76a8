import type { ApiKey } from "@/db/schema";

export type EffectiveLimits = {
  dailyImageCap: number;
  concurrencyCap: number;
  /** Null = no limit. */
  dailyCostLimitMicros: number | null;
  totalCostLimitMicros: number | null;
  /** When temporary overrides are in force, when they end. */
  temporaryUntil: Date | null;
};

export type KeyLimitColumns = Pick<
  ApiKey,
  | "dailyImageCap"
  | "concurrencyCap"
  | "dailyCostLimitMicros"
  | "totalCostLimitMicros"
  | "tempDailyImageCap"
  | "tempConcurrencyCap"
  | "tempDailyCostLimitMicros"
  | "tempTotalCostLimitMicros"
  | "tempUntil"
>;

/** The limits in force at `now`: temporary overrides win while `temp_until` is in the future. */
export function effectiveLimits(key: KeyLimitColumns, now: Date): EffectiveLimits {
  const temp = key.tempUntil !== null && key.tempUntil.getTime() > now.getTime();
  return {
    dailyImageCap: (temp ? key.tempDailyImageCap : null) ?? key.dailyImageCap,
    concurrencyCap: (temp ? key.tempConcurrencyCap : null) ?? key.concurrencyCap,
    dailyCostLimitMicros: (temp ? key.tempDailyCostLimitMicros : null) ?? key.dailyCostLimitMicros,
    totalCostLimitMicros: (temp ? key.tempTotalCostLimitMicros : null) ?? key.totalCostLimitMicros,
    temporaryUntil: temp ? key.tempUntil : null,
  };
}
