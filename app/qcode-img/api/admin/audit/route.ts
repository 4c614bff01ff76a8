import { parseInput, queryOf } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { auditFilterSchema, listAudit } from "@/lib/console/audit";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, url }) => Response.json({ rows: await listAudit(db, parseInput(auditFilterSchema, queryOf(url))) }));
