import { z } from "zod";
import { parseInput, queryOf } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { listLimitRequestsForStaff } from "@/lib/limits/staff-limit-requests";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, url }) => {
  const { status } = parseInput(
    z.object({ status: z.enum(["pending", "approved", "denied"], { error: 'must be "pending", "approved" or "denied"' }).optional() }),
    queryOf(url),
  );
  return Response.json({ requests: await listLimitRequestsForStaff(db, status) });
});
