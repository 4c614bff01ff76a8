import { requireStaffPage } from "@/lib/auth/staff-page";
import { RequestsApp } from "./requests-app";

export const dynamic = "force-dynamic";

export default async function ConsoleLimitRequests() {
  const user = await requireStaffPage(["support", "admin"], "/qcode-img/admin/limit-requests");
  return <RequestsApp user={{ email: user.email, role: user.role }} />;
}
