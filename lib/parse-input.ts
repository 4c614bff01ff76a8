import "server-only";
import type { z } from "zod";
import { invalidRequest } from "@/lib/errors";

/** Parses input with a zod schema; the first problem becomes a 400 naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const field = [...issue.path.map(String), issue.keys[0] ?? "body"].join(".");
    throw invalidRequest(`Invalid ${field}: not a field that can be set here`, field);
  }
  const field = issue.path.length ? issue.path.map(String).join(".") : "body";
  throw invalidRequest(`Invalid ${field}: ${issue.message}`, field);
}

/** A JSON request body, or a 400 when it is not JSON. */
export async function jsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > 64 * 1024) throw invalidRequest("Invalid body: larger than 64 KiB", "body");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest("Invalid body: not JSON", "body");
  }
}
