import "server-only";
import { defineRoute } from "@/lib/api/route";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { GATEWAY_CORS_HEADERS, GATEWAY_PREFLIGHT_HEADERS } from "@/lib/http/security-headers";
import { generateImages, generateImagesUnchecked } from "./generate";
import { models, oneModel } from "./models";
import { withGateway, withRequestId } from "./with-gateway";

/** Sent by the benchmark to time the route without key checks, limits and ledger. */
export const BENCH_BYPASS_HEADER = "x-imgledger-bench-bypass";

const checked = withGateway(generateImages, { recordRefusedKeys: true, jsonBody: true });
const unchecked = withRequestId((req) => generateImagesUnchecked(req));

/**
 * POST /qcode-img/v1/images/generations. The bypass exists only on a server started with
 * GATEWAY_BENCH_BYPASS=on, and only for requests that ask for it, so one benchmark run can time
 * both paths on the same process.
 */
export function imageGenerations(req: Request): Promise<Response> {
  if (env.GATEWAY_BENCH_BYPASS && req.headers.get(BENCH_BYPASS_HEADER) === "on") return unchecked(req);
  return checked(req);
}

/** GET /qcode-img/v1/models */
export const listModels = withGateway(async () => Response.json(models()));

/** GET /qcode-img/v1/models/{model} */
export const retrieveModel = withGateway(async ({ params }) => oneModel(String(params.model ?? "")));

/**
 * Another method on a gateway path: 405 in the envelope, with `Allow` listing what the path
 * answers (OPTIONS is the CORS preflight, `gatewayPreflight`).
 */
export function methodNotAllowed(allowed: readonly string[]) {
  const allow = [...allowed, "OPTIONS"].join(", ");
  return defineRoute(
    async (base) => base,
    async ({ req, url }) => {
      throw new AppError(
        405,
        "invalid_request_error",
        "method_not_allowed",
        `${req.method} is not allowed on ${url.pathname}: use ${allowed.join(" or ")}`,
        undefined,
        { allow },
      );
    },
    { headers: GATEWAY_CORS_HEADERS },
  );
}

/** Any path under /qcode-img/v1 that is not an endpoint of this gateway. */
export const unknownEndpoint = defineRoute(
  async (base) => base,
  async ({ req, url }) => {
    throw new AppError(
      404,
      "invalid_request_error",
      "not_found",
      `Invalid URL (${req.method} ${url.pathname.slice(0, 200)}): this gateway serves POST /images/generations and GET /models`,
    );
  },
  { headers: GATEWAY_CORS_HEADERS },
);

/**
 * OPTIONS on any gateway path: the CORS preflight, so a page on any site can call the gateway
 * with `fetch` (the reference's JavaScript sample). A bearer key, never a cookie, so no
 * credentials are allowed.
 */
export const gatewayPreflight = defineRoute(
  async (base) => base,
  async () => new Response(null, { status: 204 }),
  { headers: GATEWAY_PREFLIGHT_HEADERS },
);
