/**
 * Where a sign-in (or sign-out) may send the browser: only a path of this app, never another
 * site. Client-safe.
 */
const APP_PREFIX = "/qcode-img";
const NOT_A_DESTINATION = ["/qcode-img/api/", "/qcode-img/signin"];

/** A same-site path under /qcode-img from a callbackUrl (a path or an absolute URL of `origin`), or null. */
export function safeCallbackPath(raw: unknown, origin?: string): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2_000) return null;
  // Browsers read "\\" as "/" and "//host" as another site; control characters can split headers.
  if (raw.includes("\\") || /[\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, "http://same.invalid");
  } catch {
    return null;
  }
  const sameSite = url.origin === "http://same.invalid" ? raw.startsWith("/") && !raw.startsWith("//") : origin !== undefined && url.origin === origin;
  if (!sameSite) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.pathname !== APP_PREFIX && !url.pathname.startsWith(`${APP_PREFIX}/`)) return null;
  if (NOT_A_DESTINATION.some((p) => url.pathname === p || url.pathname.startsWith(p))) return null;
  return path;
}
