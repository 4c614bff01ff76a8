import { NextResponse, type NextRequest } from "next/server";
import { newRequestId } from "@/lib/api/request-id";
import { env } from "@/lib/env";
import {
  API_CSP,
  COMMON_SECURITY_HEADERS,
  GATEWAY_CORS_HEADERS,
  GATEWAY_PREFLIGHT_HEADERS,
  isApiPath,
  isGatewayPath,
  newNonce,
  pageCsp,
} from "@/lib/http/security-headers";

/**
 * Runs before every route: security headers on every answer (see lib/http/security-headers.ts),
 * a CSP nonce for pages, the gateway's CORS, and the few answers no route can give — the CORS
 * preflight and a path whose percent-encoding does not decode (Next would fail on it with a
 * plain-text 500 before any route ran).
 */
export function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  const gateway = isGatewayPath(path);

  if (!decodes(path)) {
    return envelope(400, "invalid_request_error", "invalid_path", "The path is not valid percent-encoded UTF-8", gateway);
  }
  if (gateway && req.method === "OPTIONS") {
    return withHeaders(new NextResponse(null, { status: 204 }), { ...GATEWAY_PREFLIGHT_HEADERS, ...apiHeaders() }, newRequestId());
  }
  if (isApiPath(path)) {
    return withHeaders(NextResponse.next(), gateway ? { ...GATEWAY_CORS_HEADERS, ...apiHeaders() } : apiHeaders());
  }

  const nonce = newNonce();
  const csp = pageCsp(nonce, env.NODE_ENV === "development");
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), {
    ...COMMON_SECURITY_HEADERS,
    "content-security-policy": csp,
  });
}

function apiHeaders(): Record<string, string> {
  return { ...COMMON_SECURITY_HEADERS, "content-security-policy": API_CSP };
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function envelope(status: number, type: string, code: string, message: string, gateway: boolean) {
  const res = NextResponse.json({ error: { type, code, message } }, { status });
  return withHeaders(res, gateway ? { ...GATEWAY_CORS_HEADERS, ...apiHeaders() } : apiHeaders(), newRequestId());
}

function withHeaders(res: NextResponse, headers: Record<string, string>, requestId?: string): NextResponse {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  if (requestId) {
    res.headers.set("x-request-id", requestId);
    res.headers.set("cache-control", "no-store");
  }
  return res;
}

export const config = {
  // Everything, static files included (nosniff and no framing hold for them too).
  matcher: "/:path*",
};
