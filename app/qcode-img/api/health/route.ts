import { defineRoute } from "@/lib/api/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = defineRoute(async (base) => base, async ({ db }) => Response.json(await checkHealth(db)));
