import "server-only";
import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth/next";
import { clientAddress } from "@/lib/api/rate-limit";
import { defineRoute, type BaseContext } from "@/lib/api/route";
import { AUTH_BASE_PATH } from "@/lib/env";
import { AppError, invalidRequest } from "@/lib/errors";
import { readBodyCapped } from "@/lib/http/read-body-capped";
import { normalizeEmail } from "./credentials";
import { authOptions } from "./options";
import { parseCookies, SESSION_COOKIES } from "./session";
import { settleSignInAttempt, takeSignInAttempt } from "./throttle";

const MAX_BODY_BYTES = 16 * 1024;
const HOST = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * next-auth at /qcode-img/api/auth (csrf, session, signin, signout, callback/credentials), with
 * the sign-in throttle in front of the credentials callback: over the limit, 429 and Retry-After
 * without checking the password.
 */
export const nextAuthRoute = defineRoute(
  async (base) => base,
  async (ctx) => {
    const nextauth = [ctx.params.nextauth ?? []].flat();
    const body = ctx.req.method === "POST" ? await readForm(ctx.req) : undefined;
    if (!(ctx.req.method === "POST" && nextauth[0] === "callback" && nextauth[1] === "credentials")) {
      return (await runNextAuth(ctx, nextauth, body)).response;
    }
    const { attempt, retryAfterS } = await takeSignInAttempt(normalizeEmail(body?.email), clientAddress(ctx.req));
    if (retryAfterS !== null) {
      const minutes = Math.ceil(retryAfterS / 60);
      throw new AppError(
        429,
        "rate_limit_error",
        "too_many_sign_in_attempts",
        `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        undefined,
        { "retry-after": String(retryAfterS) },
      );
    }
    const result = await runNextAuth(ctx, nextauth, body);
    await settleSignInAttempt(attempt, result.outcome);
    return result.response;
  },
);

async function readForm(req: Request): Promise<Record<string, string>> {
  const text = await readBodyCapped(req, MAX_BODY_BYTES, () => new AppError(413, "invalid_request_error", "request_too_large", "Request body too large"));
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text || "{}");
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === "string")) as Record<string, string>;
      }
    } catch {
      /* fall through */
    }
    throw invalidRequest("Body must be a JSON object of strings");
  }
  return Object.fromEntries(new URLSearchParams(text));
}

type Outcome = "success" | "wrong-credentials" | "other";

/**
 * Runs next-auth's handler with the request it would have seen, plus the one thing it cannot
 * work out itself: its own URL. next-auth v4 takes its base URL from NEXTAUTH_URL or, trusting
 * the host, from `x-forwarded-host` alone, and then assumes the path /api/auth. Naming the
 * host as `host/qcode-img/api/auth` keeps every URL it builds (error and sign-in redirects, the
 * secure-cookie choice) on the browser's own host, port and scheme, under our mount point.
 */
async function runNextAuth(ctx: BaseContext, nextauth: string[], body: Record<string, string> | undefined) {
  const headers = Object.fromEntries(ctx.req.headers);
  const host = headers["x-forwarded-host"] ?? headers.host ?? ctx.url.host;
  if (!HOST.test(host)) throw invalidRequest("Bad Host header");
  const proto = headers["x-forwarded-proto"] === "https" || (!headers["x-forwarded-proto"] && ctx.url.protocol === "https:") ? "https" : "http";
  headers["x-forwarded-host"] = `${host}${AUTH_BASE_PATH}`;
  headers["x-forwarded-proto"] = proto;

  const query: Record<string, string | string[]> = { ...Object.fromEntries(ctx.url.searchParams), nextauth };
  const cookies = Object.fromEntries(parseCookies(headers.cookie ?? ""));
  const res = new CollectedResponse();
  const req = { method: ctx.req.method, headers, query, cookies, body: body ?? {} };
  await NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, authOptions());
  const response = res.toResponse();

  let outcome: Outcome = "other";
  const redirect = res.location ?? res.jsonUrl;
  const error = redirect ? new URL(redirect, `${proto}://${host}`).searchParams.get("error") : null;
  if (error === "CredentialsSignin") outcome = "wrong-credentials";
  else if (!error && res.setCookies.some((c) => SESSION_COOKIES.some((n) => c.startsWith(`${n}=`) && !c.startsWith(`${n}=;`)))) outcome = "success";
  return { response, outcome };
}

/** The little of Next's pages-API response that next-auth's handler uses, collected into a Response. */
class CollectedResponse {
  status_ = 200;
  headers = new Headers();
  setCookies: string[] = [];
  body: string | null = null;
  location: string | null = null;
  jsonUrl: string | null = null;

  status(code: number) {
    this.status_ = code;
    return this;
  }
  getHeader(name: string) {
    return name.toLowerCase() === "set-cookie" ? this.setCookies : this.headers.get(name) ?? undefined;
  }
  setHeader(name: string, value: string | string[]) {
    if (name.toLowerCase() === "set-cookie") this.setCookies = [value].flat();
    else if (name.toLowerCase() === "location") this.location = String(value);
    else this.headers.set(name, String(value));
    return this;
  }
  json(value: unknown) {
    this.headers.set("content-type", "application/json");
    if (value && typeof value === "object" && "url" in value && typeof value.url === "string") this.jsonUrl = value.url;
    this.body = JSON.stringify(value);
  }
  send(value: unknown) {
    if (value !== null && typeof value === "object") return this.json(value);
    this.body = value === undefined ? null : String(value);
  }
  end() {}
  toResponse(): Response {
    const headers = new Headers(this.headers);
    for (const c of this.setCookies) headers.append("set-cookie", c);
    if (this.location) headers.set("location", this.location);
    return new Response(this.body, { status: this.status_, headers });
  }
}
