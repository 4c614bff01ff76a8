import "server-only";
import type { z } from "zod";
import { invalidRequest } from "@/lib/errors";

/** Bodies of the app's JSON APIs are small forms; anything larger is refused unread. */
const MAX_JSON_BODY_BYTES = 64 * 1024;

/**
 * Parses a request body or query with a zod schema; the first problem becomes the one 400
 * naming its field (`param`), so a client can point at the input to fix.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const field = [...issue.path.map(String), issue.keys[0] ?? "body"].join(".");
    throw invalidRequest(`Invalid ${field}: not a field that can be set here`, field);
  }
  const field = issue.path.length ? issue.path.map(String).join(".") : "body";
  throw invalidRequest(`Invalid ${field}: ${issue.message}`, field);
}

/** The JSON body of a request (an empty body is `{}`), or a 400 when it is not JSON or too large. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_JSON_BODY_BYTES) throw invalidRequest("Invalid body: larger than 64 KiB", "body");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest("Invalid body: not JSON", "body");
  }
}

/** A URL's query string as an object (empty values left out), for parseInput. */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
}
