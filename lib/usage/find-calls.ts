import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { calls } from "@/db/schema";

/** The call with this request id, across accounts (staff search; uses calls_request_id_idx). */
export async function findCallsByRequestId(db: DbOrTx, requestId: string) {
  return db
    .select({ id: calls.id, requestId: calls.requestId, accountId: calls.accountId, keyId: calls.keyId, createdAt: calls.createdAt, errorCode: calls.errorCode })
    .from(calls)
    .where(eq(calls.requestId, requestId))
    .limit(5);
}
