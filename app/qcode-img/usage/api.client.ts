/**
 * The usage API as the browser calls it. Client-safe. One usage view serves every page; what
 * differs is its data source: the keyless page sends the key token (sha256 hex of the key) only
 * in the Authorization header — never in a URL, where it would land in logs and history; the
 * signed-in pages read the same endpoints under their own base path with the session cookie.
 */
export const USAGE_API = "/qcode-img/api/usage";

export type UsageSource =
  /** Keyless page: `${USAGE_API}/…` with `Authorization: Bearer <token>`. */
  | { kind: "token"; token: string }
  /** Signed-in page: `${base}/…` (e.g. `/qcode-img/api/account/keys/12`) with the session cookie. */
  | { kind: "session"; base: string };

/** A stable string per source, to tell when a view switched to another key. */
export function sourceId(source: UsageSource): string {
  return source.kind === "token" ? `token:${source.token}` : `session:${source.base}`;
}

export type UsageErrorKind = "unauthorized" | "rate_limited" | "bad_request" | "server" | "network";

export class UsageApiError extends Error {
  constructor(
    readonly kind: UsageErrorKind,
    message: string,
    readonly status = 0,
    readonly code: string | null = null,
    /** Seconds to wait, from Retry-After, for "rate_limited". */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export async function usageFetch(path: string, source: UsageSource, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res =
      source.kind === "token"
        ? await fetch(`${USAGE_API}/${path}`, { headers: { authorization: `Bearer ${source.token}` }, cache: "no-store", signal })
        : await fetch(`${source.base}/${path}`, { credentials: "same-origin", cache: "no-store", signal });
  } catch (err) {
    if ((err as { name?: string }).name === "AbortError") throw err;
    throw new UsageApiError("network", String(err));
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = body?.error?.code ?? null;
  const message = body?.error?.message ?? res.statusText;
  if (res.status === 401) throw new UsageApiError("unauthorized", message, 401, code);
  if (res.status === 429) {
    const wait = Number(res.headers.get("retry-after"));
    throw new UsageApiError("rate_limited", message, 429, code, Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : 30);
  }
  if (res.status >= 400 && res.status < 500) throw new UsageApiError("bad_request", message, res.status, code);
  throw new UsageApiError("server", message, res.status, code);
}

export async function usageJson<T>(path: string, source: UsageSource, signal?: AbortSignal): Promise<T> {
  const res = await usageFetch(path, source, signal);
  return (await res.json()) as T;
}

export type CallFilterState = {
  from: string;
  to: string;
  kind: "" | "image" | "chat";
  status: "" | "ok" | "failed";
  errorCode: string;
  size: string;
  quality: string;
};

/** Query string of the call list and CSV (filters only: never a credential). */
export function filterQuery(f: CallFilterState, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set("from", f.from);
  q.set("to", f.to);
  if (f.kind) q.set("kind", f.kind);
  if (f.status) q.set("status", f.status);
  if (f.errorCode) q.set("error_code", f.errorCode);
  if (f.size) q.set("size", f.size);
  if (f.quality) q.set("quality", f.quality);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}
