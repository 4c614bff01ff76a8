import { notFound } from "next/navigation";
import { requireStaffPage } from "@/lib/auth/staff-page";
import { KeyApp } from "./key-app";

export const dynamic = "force-dynamic";

export default async function ConsoleKeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireStaffPage(["support", "admin"], `/qcode-img/admin/keys/${id}`);
  if (!/^\d{1,15}$/.test(id)) notFound();
  return <KeyApp user={{ email: user.email, role: user.role }} keyId={Number(id)} />;
}
