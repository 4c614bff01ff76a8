import "server-only";
import type { z } from "zod";
import { invalidRequest } from "@/lib/errors";

/**
 * Parses a request body or query with a zod schema; the first problem becomes the one 400
 * naming its field (`param`), so a client can point at the input to fix.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map(String).join(".") || undefined;
  throw invalidRequest(param ? `${param}: ${issue.message}` : issue.message, param);
}

/** The JSON body of a request, or a 400 when it is not JSON. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest("The body must be JSON");
  }
}

/** A URL's query string as an object (empty values left out), for parseInput. */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
}
