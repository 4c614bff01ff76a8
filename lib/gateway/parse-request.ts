import "server-only";
import { z } from "zod";
import { readBodyCapped } from "@/lib/http/read-body-capped";
import { isStorableText } from "@/lib/ledger/storable-text";
import { IMAGE_QUALITIES, IMAGE_SIZES, type ImageQuality } from "@/lib/pricing/price-book";
import { bodyTooLarge, invalidRequest, unsupportedSize } from "./errors";

export const MODEL = "gpt-image-2";
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_PROMPT_CHARS = 32_000;

export type ImageRequest = { model: typeof MODEL; prompt: string; size: string; quality: ImageQuality; n: number };

/**
 * What is known of a request that failed validation, for its ledger row: only values that are
 * valid are kept, so an invalid field never shows up as a size or quality in usage breakdowns.
 */
export type PartialImageRequest = { prompt?: string; size?: string; quality?: ImageQuality; n?: number };

/** The image request's body, at most 1 MiB (413 beyond). */
export function readImageBody(req: Request): Promise<string> {
  return readBodyCapped(req, MAX_BODY_BYTES, () => bodyTooLarge(MAX_BODY_BYTES));
}

const imageRequestSchema = z.object({
  model: z.literal(MODEL, {
    error: (iss) =>
      iss.input === undefined
        ? `model is required: use '${MODEL}'`
        : `model '${String(iss.input).slice(0, 60)}' is not supported: use '${MODEL}'`,
  }),
  prompt: z
    .string({ error: (iss) => (iss.input === undefined ? "prompt is required" : "prompt must be a string") })
    // Text the ledger cannot store faithfully is refused before any work: a NUL would make the
    // ledger write fail after the engine ran, a lone surrogate would be stored as U+FFFD.
    .refine((p) => !p.includes("\u0000"), { error: "prompt must not contain NUL (\\u0000) characters" })
    .refine(isWellFormed, { error: "prompt must not contain unpaired UTF-16 surrogates (invalid Unicode)" })
    .refine((p) => p.trim().length > 0, { error: "prompt must not be empty" })
    .refine((p) => p.length <= MAX_PROMPT_CHARS || Array.from(p).length <= MAX_PROMPT_CHARS, {
      error: `prompt must be at most ${MAX_PROMPT_CHARS.toLocaleString("en-US")} characters`,
    }),
  size: z.string({ error: "size must be a string such as '1024x1024'" }).default("1024x1024"),
  quality: z
    .enum(IMAGE_QUALITIES, { error: `quality must be one of ${IMAGE_QUALITIES.join(", ")}` })
    .default("medium"),
  n: z
    .number({ error: "n must be an integer from 1 to 4" })
    .int({ error: "n must be an integer from 1 to 4" })
    .min(1, { error: "n must be an integer from 1 to 4" })
    .max(4, { error: "n must be an integer from 1 to 4" })
    .default(1),
  response_format: z
    .literal("b64_json", { error: "response_format: only 'b64_json' is supported" })
    .optional(),
  stream: z.literal(false, { error: "stream: streaming is not supported" }).optional(),
});

/** The order fields are reported in when several are wrong: the first problem wins. */
const FIELD_ORDER = ["model", "prompt", "n", "quality", "size", "response_format", "stream"];

/**
 * Parses and validates a generation request. Throws the reference's errors (400 naming the field,
 * 422 unsupported_size) and reports, through `known`, whatever was valid for the ledger row.
 */
export function parseImageRequest(
  text: string,
  allowedSizes: readonly string[],
  known: PartialImageRequest = {},
): ImageRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidRequest("Malformed JSON in request body: send a JSON object", "body");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw invalidRequest("Request body must be a JSON object", "body");
  }
  // JSON null means "use the default", as the OpenAI API treats it.
  const input = Object.fromEntries(Object.entries(json).filter(([, v]) => v !== null));
  const parsed = imageRequestSchema.safeParse(input);
  if (!parsed.success) {
    collectValid(input, allowedSizes, known);
    const issues = parsed.error.issues;
    const first = FIELD_ORDER.map((f) => issues.find((i) => i.path[0] === f)).find(Boolean) ?? issues[0]!;
    throw invalidRequest(first.message, String(first.path[0] ?? "body"));
  }
  const { model, prompt, size, quality, n } = parsed.data;
  Object.assign(known, { prompt, quality, n });
  if (!allowedSizes.includes(size)) {
    // A known size that is switched off here is worth counting; anything else is noise.
    if ((IMAGE_SIZES as readonly string[]).includes(size)) known.size = size;
    throw unsupportedSize(size, allowedSizes);
  }
  known.size = size;
  return { model, prompt, size, quality, n };
}

function collectValid(input: Record<string, unknown>, allowedSizes: readonly string[], known: PartialImageRequest) {
  if (typeof input.prompt === "string" && isStorableText(input.prompt)) known.prompt = input.prompt;
  if (typeof input.size === "string" && allowedSizes.includes(input.size)) known.size = input.size;
  if (typeof input.quality === "string" && (IMAGE_QUALITIES as readonly string[]).includes(input.quality)) {
    known.quality = input.quality as ImageQuality;
  }
  if (typeof input.n === "number" && Number.isInteger(input.n) && input.n >= 1 && input.n <= 4) known.n = input.n;
}

function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}
