import "server-only";
import { and, eq, gte, lte, type SQL } from "drizzle-orm";
import { usageDaily } from "@/db/schema";

/**
 * Whose usage a read model covers: always an account, optionally one key of it. Every query in
 * lib/usage filters by the account first, so a key id from another tenant matches nothing.
 */
export type UsageScope = { accountId: number; keyId?: number };

export type DayRange = { from: string; to: string };

export function rollupWhere(scope: UsageScope, range: DayRange, ...more: (SQL | undefined)[]): SQL {
  return and(
    eq(usageDaily.accountId, scope.accountId),
    scope.keyId === undefined ? undefined : eq(usageDaily.keyId, scope.keyId),
    gte(usageDaily.day, range.from),
    lte(usageDaily.day, range.to),
    ...more,
  )!;
}
