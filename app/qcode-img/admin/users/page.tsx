import { requireStaffPage } from "@/lib/auth/staff-page";
import { UsersApp } from "./users-app";

export const dynamic = "force-dynamic";

export default async function ConsoleUsers() {
  const user = await requireStaffPage(["admin"], "/qcode-img/admin/users");
  return <UsersApp user={{ email: user.email, role: user.role }} />;
}
