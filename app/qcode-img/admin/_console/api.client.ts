/** The console's JSON API as the browser calls it (session cookie, same origin). Client-safe. */
export const ADMIN_API = "/qcode-img/api/admin";

export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; param?: string } } | null;
  throw new ConsoleApiError(body?.error?.message ?? res.statusText, res.status, body?.error?.param ?? null);
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return parse<T>(await fetch(`${ADMIN_API}${path}`, { credentials: "same-origin", cache: "no-store", signal }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(`${ADMIN_API}${path}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}
