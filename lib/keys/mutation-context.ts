import "server-only";
import type { Db } from "@/db";

/** Who changes a customer's keys: the signed-in user, scoped to their account. */
export type AccountCtx = { db: Db; accountId: number; userId: number; now: Date };
