import "server-only";
import type { ImageRequest } from "./parse-request";

export type GeneratedImage = { b64_json: string; revised_prompt?: string };
export type GeneratedImages = { data: GeneratedImage[]; usage?: unknown };

/** The upstream failed: a 5xx, a refusal, a malformed answer, a timeout or no connection. */
export class UpstreamError extends Error {}

/** The client went away before the answer; nothing is billed. */
export class ClientClosedError extends Error {
  constructor() {
    super("client closed the connection");
  }
}

export type UpstreamConfig = { baseUrl: string; apiKey?: string; timeoutS: number };

/**
 * One call to an OpenAI-compatible images API. The request is aborted when the client goes away
 * or when the timeout passes, whichever comes first; the caller learns which from the error.
 */
export async function generateUpstream(
  req: ImageRequest,
  cfg: UpstreamConfig,
  clientSignal: AbortSignal,
): Promise<GeneratedImages> {
  const timeout = AbortSignal.timeout(cfg.timeoutS * 1000);
  const signal = AbortSignal.any([clientSignal, timeout]);
  const url = `${cfg.baseUrl.replace(/\/+$/, "")}/images/generations`;
  const failed = (err: unknown, stage: string): Error => {
    if (clientSignal.aborted) return new ClientClosedError();
    if (timeout.aborted) return new UpstreamError(`no answer within ${cfg.timeoutS} s`);
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return new UpstreamError(`${stage} failed${cause ? `: ${cause}` : ""}`);
  };

  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: req.model, prompt: req.prompt, size: req.size, quality: req.quality, n: req.n }),
      signal,
      cache: "no-store",
    });
  } catch (err) {
    throw failed(err, "connection");
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new UpstreamError(res.status >= 500 ? `upstream error ${res.status}` : `upstream refused the request (${res.status})`);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch (err) {
    if (clientSignal.aborted || timeout.aborted) throw failed(err, "reading the answer");
    throw new UpstreamError("malformed answer");
  }
  return parseImagesResponse(json, req.n);
}

/** Accepts 1..n images, each with a non-empty base64 PNG; anything else is a malformed answer. */
export function parseImagesResponse(json: unknown, n: number): GeneratedImages {
  const body = json as { data?: unknown; usage?: unknown } | null;
  if (!body || !Array.isArray(body.data) || body.data.length === 0) throw new UpstreamError("malformed answer: no images");
  const data: GeneratedImage[] = [];
  for (const item of body.data.slice(0, n) as unknown[]) {
    const img = item as { b64_json?: unknown; revised_prompt?: unknown } | null;
    if (!img || typeof img.b64_json !== "string" || img.b64_json.length === 0) {
      throw new UpstreamError("malformed answer: an image without b64_json");
    }
    data.push({
      b64_json: img.b64_json,
      ...(typeof img.revised_prompt === "string" ? { revised_prompt: img.revised_prompt } : {}),
    });
  }
  return { data, ...(body.usage !== undefined ? { usage: body.usage } : {}) };
}
