import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, type ApiKey } from "@/db/schema";
import type { RouteParams } from "@/lib/api/route";
import { notFound } from "@/lib/errors";

/** A numeric id from the route's path; anything else is simply not found. */
export function idParam(params: RouteParams, what: string, name = "id"): number {
  const raw = params[name];
  const id = typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound(what);
  return id;
}

/** Any account's key, for staff (the console is the one place that reads across accounts). */
export async function staffKeyById(db: DbOrTx, params: RouteParams): Promise<ApiKey> {
  const id = idParam(params, "Key");
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!key) throw notFound("Key");
  return key;
}
