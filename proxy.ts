import { NextResponse, type NextRequest } from "next/server";
import { newRequestId } from "@/lib/api/request-id";
import { env } from "@/lib/env";
import {
  API_ANSWER_HEADERS,
  API_SECURITY_HEADERS,
  COMMON_SECURITY_HEADERS,
  GATEWAY_CORS_HEADERS,
  isApiPath,
  isGatewayPath,
  newNonce,
  pageCsp,
} from "@/lib/http/security-headers";

/**
 * Runs before pages and static files: their security headers (see lib/http/security-headers.ts)
 * and a fresh CSP nonce per page. API routes are left to the route core, which adds theirs: a
 * proxy in front of an API route would make Next buffer the whole request body first. The
 * exceptions: next-auth's routes (not built on the route core), and an API path with a percent sign, so that a path whose percent-encoding does not
 * decode gets the error envelope here — Next would fail on it with a plain-text 500 before any
 * route ran.
 */
export function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  if (!decodes(path)) return undecodablePath(isGatewayPath(path));
  if (isApiPath(path)) {
    // Sign-in routes are next-auth's own handler, not built on the route core: headers here.
    const res = NextResponse.next();
    if (path.startsWith(AUTH_PREFIX)) for (const [k, v] of Object.entries(API_SECURITY_HEADERS)) res.headers.set(k, v);
    return res;
  }

  const nonce = newNonce();
  const csp = pageCsp(nonce, env.NODE_ENV === "development");
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(COMMON_SECURITY_HEADERS)) res.headers.set(k, v);
  res.headers.set("content-security-policy", csp);
  return res;
}

const AUTH_PREFIX = "/qcode-img/api/auth/";

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function undecodablePath(gateway: boolean): NextResponse {
  const body = { error: { type: "invalid_request_error", code: "invalid_path", message: "The path is not valid percent-encoded UTF-8" } };
  return NextResponse.json(body, {
    status: 400,
    headers: {
      ...API_ANSWER_HEADERS,
      ...(gateway ? GATEWAY_CORS_HEADERS : {}),
      "x-request-id": newRequestId(),
    },
  });
}

export const config = {
  matcher: [
    // Pages, Next's own pages and static files: everything but the APIs.
    "/((?!qcode-img/(?:api|v1)(?:/|$)).*)",
    // API paths with a percent sign, to catch undecodable ones (see above).
    "/qcode-img/(api|v1)/(.*%.*)",
    // next-auth's routes (small form posts): their security headers.
    "/qcode-img/api/auth/:path*",
  ],
};
