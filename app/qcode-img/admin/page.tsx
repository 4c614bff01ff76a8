import { requireStaffPage } from "@/lib/auth/staff-page";
import { HomeApp } from "./home-app";

export const dynamic = "force-dynamic";

export default async function ConsoleHome() {
  const user = await requireStaffPage(["support", "admin"], "/qcode-img/admin");
  return <HomeApp user={{ email: user.email, role: user.role }} />;
}
