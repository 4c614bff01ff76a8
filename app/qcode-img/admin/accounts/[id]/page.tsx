import { notFound } from "next/navigation";
import { requireStaffPage } from "@/lib/auth/staff-page";
import { AccountApp } from "./account-app";

export const dynamic = "force-dynamic";

export default async function ConsoleAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireStaffPage(["support", "admin"], `/qcode-img/admin/accounts/${id}`);
  if (!/^\d{1,15}$/.test(id)) notFound();
  return <AccountApp user={{ email: user.email, role: user.role }} accountId={Number(id)} />;
}
