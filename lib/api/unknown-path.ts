import "server-only";
import { AppError } from "@/lib/errors";
import { defineRoute } from "./route";

/** A path under /qcode-img/api that no route serves, in the one error shape with its headers. */
export const unknownApiPath = defineRoute(
  async (base) => base,
  async ({ req, url }) => {
    throw new AppError(404, "not_found_error", "not_found", `No API at ${req.method} ${url.pathname.slice(0, 200)}`);
  },
);
