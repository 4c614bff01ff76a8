import "server-only";
import { AppError } from "@/lib/errors";
import { MODEL } from "./parse-request";

/** gpt-image-2 became available on 2026-04-01 (the first price book's effective date). */
const MODEL_CREATED = 1_775_001_600;

const model = { id: MODEL, object: "model", created: MODEL_CREATED, owned_by: "openai" } as const;

export function models() {
  return { object: "list", data: [model] };
}

export function oneModel(id: string): Response {
  if (id !== MODEL) {
    throw new AppError(404, "invalid_request_error", "model_not_found", `The model '${id.slice(0, 60)}' does not exist`, "model");
  }
  return Response.json(model);
}
