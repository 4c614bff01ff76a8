import { nextAuthRoute } from "@/lib/auth/next-auth-route";

export const dynamic = "force-dynamic";

export { nextAuthRoute as GET, nextAuthRoute as POST };
