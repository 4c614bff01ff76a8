import { parseInput, queryOf } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { auditCsv, auditFilterSchema, listAudit } from "@/lib/console/audit";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, url }) => {
  const filters = parseInput(auditFilterSchema.extend({ limit: auditFilterSchema.shape.limit.unwrap().default(1000) }), queryOf(url));
  return new Response(auditCsv(await listAudit(db, filters)), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="imgledger-audit.csv"' },
  });
});
