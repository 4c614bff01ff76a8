import "server-only";
import { env } from "@/lib/env";
import { generateImages, generateImagesUnchecked } from "./generate";
import { models, oneModel } from "./models";
import { withGateway, withRequestId } from "./with-gateway";

/** Sent by the benchmark to time the route without key checks, limits and ledger. */
export const BENCH_BYPASS_HEADER = "x-imgledger-bench-bypass";

const checked = withGateway(generateImages, { recordRefusedKeys: true });
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
export function retrieveModel(req: Request, id: string): Promise<Response> {
  return withGateway(async () => oneModel(id))(req);
}
