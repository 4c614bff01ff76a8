import { requireStaffPage } from "@/lib/auth/staff-page";
import { AuditApp } from "./audit-app";

export const dynamic = "force-dynamic";

export default async function ConsoleAudit() {
  const user = await requireStaffPage(["support", "admin"], "/qcode-img/admin/audit");
  return <AuditApp user={{ email: user.email, role: user.role }} />;
}
