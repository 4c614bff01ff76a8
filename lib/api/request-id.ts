/**
 * The one request-id generator: route handlers (through `defineRoute`) and the proxy, which
 * answers a few requests itself (CORS preflight, malformed paths), both use it. Works in any
 * runtime (Web Crypto), so the proxy can import it.
 */
export function newRequestId(): string {
  return `req_${crypto.randomUUID().replace(/-/g, "")}`;
}
