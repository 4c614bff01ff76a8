import { withSession } from "@/lib/api/with-session";
import { notFound } from "@/lib/errors";
import { csvResponse } from "@/lib/usage/csv";
import { monthRange } from "@/lib/usage/statements";

export const dynamic = "force-dynamic";

/** `statements/2026-11.csv`: every call of that Beijing month, the export's columns. */
export const GET = withSession(async ({ db, accountId, params }) => {
  const m = /^(\d{4}-\d{2})\.csv$/.exec(String(params.month ?? ""));
  if (!m) throw notFound("Statement");
  const range = monthRange(m[1]!);
  return csvResponse(db, { accountId }, range, `imgledger-statement-${m[1]}.csv`);
});
