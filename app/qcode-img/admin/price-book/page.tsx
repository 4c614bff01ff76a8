import { requireStaffPage } from "@/lib/auth/staff-page";
import { PriceBookApp } from "./price-book-app";

export const dynamic = "force-dynamic";

/** Staff read the versions; only admins see the publish form (and only admins may POST). */
export default async function ConsolePriceBook() {
  const user = await requireStaffPage(["support", "admin"], "/qcode-img/admin/price-book");
  return <PriceBookApp user={{ email: user.email, role: user.role }} />;
}
