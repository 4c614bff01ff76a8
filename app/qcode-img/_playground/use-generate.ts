"use client";
/**
 * One image call from the browser: POST with the raw key in the Authorization header (never in a
 * URL), an AbortController for Cancel and the 180 s timeout, the request id from x-request-id.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";
import { priceImageCall, type ImagePrice } from "@/lib/pricing/price";
import type { ErrorCode } from "./dictionary";
import { CLIENT_TIMEOUT_MS } from "./options";

export type GenerateParams = { prompt: string; size: string; quality: string; n: number };

export type GeneratedImage = { b64: string; revisedPrompt: string | null };

export type GenerateState =
  | { phase: "idle" }
  | { phase: "running"; params: GenerateParams; startedAt: number }
  | {
      phase: "success";
      params: GenerateParams;
      images: GeneratedImage[];
      requestId: string | null;
      /** Priced for the images actually delivered. */
      price: ImagePrice;
      elapsedMs: number;
    }
  | {
      phase: "error";
      params: GenerateParams;
      status: number | null;
      /** The code as the server sent it (or the playground's own, e.g. client_timeout). */
      code: string;
      known: ErrorCode;
      message: string;
      /** The request field the server named, if any. */
      param?: string | null;
      requestId: string | null;
      elapsedMs: number;
    }
  | { phase: "cancelled"; params: GenerateParams; elapsedMs: number };

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  "invalid_api_key",
  "key_expired",
  "unsupported_size",
  "crs_daily_exhausted",
  "crs_total_exhausted",
  "image_daily_limit",
  "concurrency_exhausted",
  "service_overloaded",
  "image_provider_unavailable",
  "invalid_request_error",
]);

type ErrorBody = { error?: { code?: unknown; type?: unknown; message?: unknown; param?: unknown } };
type SuccessBody = { data?: Array<{ b64_json?: unknown; revised_prompt?: unknown }> };

function classify(status: number, body: ErrorBody | null): { code: string; known: ErrorCode; message: string } {
  const e = body?.error;
  const code = typeof e?.code === "string" ? e.code : typeof e?.type === "string" ? e.type : "";
  const message = typeof e?.message === "string" ? e.message : "";
  if (KNOWN_CODES.has(code)) return { code, known: code as ErrorCode, message };
  if (status === 413) return { code: code || "request_too_large", known: "request_too_large", message };
  if (status === 524) return { code: "524", known: "cdn_timeout", message };
  if (e?.type === "invalid_request_error" || status === 400) return { code: code || "invalid_request_error", known: "invalid_request_error", message };
  return { code: code || `http_${status}`, known: "unknown_error", message };
}

async function readJson<T>(res: Response): Promise<T | null> {
  try {
    return (await res.json()) as T;
  } catch {
    return null;
  }
}

export function useGenerate(endpoint: string) {
  const [state, setState] = useState<GenerateState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);

  // Leaving the page stops a call in flight: the gateway records it unbilled.
  useEffect(() => () => controller.current?.abort("unmount"), []);

  const generate = useCallback(
    async (apiKey: string, params: GenerateParams) => {
      controller.current?.abort("superseded");
      const ctrl = new AbortController();
      controller.current = ctrl;
      const startedAt = Date.now();
      setState({ phase: "running", params, startedAt });
      const timer = setTimeout(() => ctrl.abort("timeout"), CLIENT_TIMEOUT_MS);
      const elapsed = () => Date.now() - startedAt;
      try {
        const res = await fetch(endpoint, {
          method: "POST",
          headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
          body: JSON.stringify({ model: "gpt-image-2", ...params }),
          signal: ctrl.signal,
          cache: "no-store",
        });
        const requestId = res.headers.get("x-request-id");
        if (!res.ok) {
          const body = await readJson<ErrorBody>(res);
          const param = typeof body?.error?.param === "string" ? body.error.param : null;
          setState({ phase: "error", params, status: res.status, requestId, elapsedMs: elapsed(), param, ...classify(res.status, body) });
          return;
        }
        const body = await readJson<SuccessBody>(res);
        const images: GeneratedImage[] = (body?.data ?? [])
          .filter((d) => typeof d.b64_json === "string" && d.b64_json.length > 0)
          .map((d) => ({ b64: d.b64_json as string, revisedPrompt: typeof d.revised_prompt === "string" ? d.revised_prompt : null }));
        if (images.length === 0) {
          setState({ phase: "error", params, status: res.status, requestId, elapsedMs: elapsed(), code: "no_images", known: "unknown_error", message: "The answer held no image." });
          return;
        }
        // The formula comes from the bundled price book; the total is what the ledger billed.
        const estimate = priceImageCall(PRICE_BOOK_V1, { size: params.size, quality: params.quality, n: images.length });
        const billed = Number(res.headers.get("x-imgledger-billed-micros") ?? NaN);
        const price = Number.isSafeInteger(billed) ? { ...estimate, billedMicros: billed } : estimate;
        setState({ phase: "success", params, images, requestId, price, elapsedMs: elapsed() });
      } catch (err) {
        if (controller.current !== ctrl) return;
        const reason: unknown = ctrl.signal.aborted ? ctrl.signal.reason : null;
        if (reason === "timeout") {
          setState({ phase: "error", params, status: null, requestId: null, elapsedMs: elapsed(), code: "client_timeout", known: "client_timeout", message: "" });
        } else if (reason === "cancel") {
          setState({ phase: "cancelled", params, elapsedMs: elapsed() });
        } else if (reason === null) {
          const message = err instanceof Error ? err.message : String(err);
          setState({ phase: "error", params, status: null, requestId: null, elapsedMs: elapsed(), code: "network_error", known: "network_error", message });
        }
      } finally {
        clearTimeout(timer);
        if (controller.current === ctrl) controller.current = null;
      }
    },
    [endpoint],
  );

  const cancel = useCallback(() => controller.current?.abort("cancel"), []);

  return { state, generate, cancel };
}
