/**
 * The dashboard's writes: same-origin JSON with the session cookie (the browser adds the Origin
 * header the server checks). Errors come back in the app's one error shape. Client-safe.
 */
export class MutationError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly param: string | null,
  ) {
    super(message);
  }
}

export async function mutate<T>(method: "POST" | "PATCH", path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/qcode-img/api/account/${path}`, {
      method,
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new MutationError(String(err), 0, null);
  }
  const data = (await res.json().catch(() => null)) as { error?: { message?: string; param?: string } } | null;
  if (!res.ok) throw new MutationError(data?.error?.message ?? res.statusText, res.status, data?.error?.param ?? null);
  return data as T;
}
