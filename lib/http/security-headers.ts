/**
 * The headers every answer carries. Pages and static files get them from the proxy
 * (`proxy.ts`); API answers from the route core (`defineRoute`), because a proxy in front of an
 * API route makes Next buffer the whole request body before the route runs (a client that
 * disconnects mid-body would never reach the ledger). Pure values, no server state.
 *
 * - Pages: a Content-Security-Policy with a fresh nonce per request. Next reads the nonce from
 *   the request's CSP header and puts it on its own scripts; `'strict-dynamic'` lets those load
 *   the chunks they need. `style-src 'unsafe-inline'` stays: ECharts and Next write inline
 *   `style` attributes, which a nonce cannot cover, and styles cannot run code.
 * - APIs: a CSP that allows nothing (a JSON or CSV answer opened in a tab runs nothing).
 * - Both: no framing (clickjacking), no MIME sniffing, no Referer (the usage page's URL never
 *   leaks), and no powerful browser features.
 * - `/qcode-img/v1/*` only: CORS for browser `fetch` from any origin. The gateway authenticates
 *   with a bearer key, never a cookie, so `*` without credentials exposes nothing. Cookie routes
 *   (pages, /api/account, /api/admin, /api/auth, /api/usage) get no CORS headers at all.
 */
export const GATEWAY_PREFIX = "/qcode-img/v1";

export function isGatewayPath(pathname: string): boolean {
  return pathname === GATEWAY_PREFIX || pathname.startsWith(`${GATEWAY_PREFIX}/`);
}

export function isApiPath(pathname: string): boolean {
  return isGatewayPath(pathname) || pathname === "/qcode-img/api" || pathname.startsWith("/qcode-img/api/");
}

/** A random nonce per page request (128 bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The pages' policy. `dev` adds `'unsafe-eval'`, which React needs only in development. */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()",
  // For browsers that predate CSP frame-ancestors.
  "x-frame-options": "DENY",
};

/** On every API answer (added by the route core). */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_SECURITY_HEADERS,
  "content-security-policy": API_CSP,
};

/** Every API answer's headers besides its request id (the route core's, and the gateway's front door's). */
export const API_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  ...API_SECURITY_HEADERS,
};

/** Headers a browser script may read from a gateway answer. */
export const GATEWAY_EXPOSED_HEADERS = ["x-request-id", "x-imgledger-billed-micros", "x-imgledger-price-version", "retry-after"];

/** On every gateway answer. */
export const GATEWAY_CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": GATEWAY_EXPOSED_HEADERS.join(", "),
};

/** The answer to a gateway preflight (OPTIONS). */
export const GATEWAY_PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...GATEWAY_CORS_HEADERS,
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, idempotency-key",
  "access-control-max-age": "600",
};
