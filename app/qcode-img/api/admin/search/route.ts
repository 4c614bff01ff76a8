import { z } from "zod";
import { parseInput, queryOf } from "@/lib/api/parse-input";
import { withStaff } from "@/lib/api/with-session";
import { searchConsole } from "@/lib/console/search";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ db, url }) => {
  const { q } = parseInput(z.object({ q: z.string().max(200, "must be at most 200 characters").default("") }), queryOf(url));
  return Response.json({ results: await searchConsole(db, q) });
});
