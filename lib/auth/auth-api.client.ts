/**
 * The browser's side of sign-in and sign-out, against next-auth's documented endpoints under
 * /qcode-img/api/auth (a CSRF token first, then a form POST). Client-safe.
 */
export const AUTH_API = "/qcode-img/api/auth";

export type MeUser = { email: string; role: "customer" | "support" | "admin"; accountName: string | null };

export type SignInResult =
  | { kind: "ok" }
  | { kind: "wrong" }
  | { kind: "disabled" }
  | { kind: "throttled"; retryAfterS: number }
  | { kind: "failed"; status: number };

async function csrfToken(): Promise<string> {
  const res = await fetch(`${AUTH_API}/csrf`, { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) throw new Error(`csrf ${res.status}`);
  const body = (await res.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new Error("no csrf token");
  return body.csrfToken;
}

async function post(action: string, fields: Record<string, string>): Promise<Response> {
  const form = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" });
  return fetch(`${AUTH_API}/${action}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
}

function errorOf(url: unknown): string | null {
  if (typeof url !== "string") return null;
  const u = new URL(url, window.location.href);
  return u.searchParams.get("error") ?? (u.searchParams.get("csrf") ? "csrf" : null);
}

/** Signs in with email and password. Network failures throw. */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  let res = await post("callback/credentials", { email, password });
  let body = (await res.json().catch(() => null)) as { url?: string } | null;
  // A stale CSRF cookie (e.g. from before a restart) gets a fresh token once.
  if (res.ok && errorOf(body?.url) === "csrf") {
    res = await post("callback/credentials", { email, password });
    body = (await res.json().catch(() => null)) as { url?: string } | null;
  }
  if (res.status === 429) return { kind: "throttled", retryAfterS: Number(res.headers.get("retry-after")) || 60 };
  const error = errorOf(body?.url);
  if (res.ok && !error) return { kind: "ok" };
  if (error === "CredentialsSignin") return { kind: "wrong" };
  if (error === "AccountDisabled") return { kind: "disabled" };
  return { kind: "failed", status: res.status };
}

export async function signOut(): Promise<void> {
  const res = await post("signout", {});
  if (!res.ok) throw new Error(`signout ${res.status}`);
}

/** Who is signed in (null: nobody). */
export async function fetchMe(): Promise<MeUser | null> {
  const res = await fetch("/qcode-img/api/me", { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) return null;
  return ((await res.json()) as { user: MeUser | null }).user;
}
