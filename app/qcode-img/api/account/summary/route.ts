import { withSession } from "@/lib/api/with-session";
import { lastUsedOfAccount } from "@/lib/usage/account-overview";
import { requestRange } from "@/lib/usage/range";
import { getSummary } from "@/lib/usage/summary";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ db, accountId, now, url }) => {
  const range = await requestRange(db, { accountId }, url.searchParams, now);
  const last = await lastUsedOfAccount(db, accountId);
  return Response.json(await getSummary(db, { accountId }, range, last ? new Date(last.at) : null));
});
