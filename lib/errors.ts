/**
 * Typed errors. `code` is what clients see (the reference's codes for the gateway); each edge
 * maps an AppError to its own envelope, and anything else to a generic 500 that leaks nothing.
 */
export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "server_error";

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const invalidRequest = (message: string, param?: string) =>
  new AppError(400, "invalid_request_error", "invalid_request_error", message, param);

export const invalidApiKey = (message = "API key invalid or disabled") =>
  new AppError(401, "authentication_error", "invalid_api_key", message);

/** No session (or it expired): sign in again. */
export const unauthenticated = (message = "Sign in first: this API needs a session") =>
  new AppError(401, "authentication_error", "unauthenticated", message);

/** Signed in, but this role may not do this. */
export const forbidden = (message: string, code = "forbidden") => new AppError(403, "permission_error", code, message);

/** Unknown, or belongs to another account: the two are never told apart. */
export const notFound = (what: string) => new AppError(404, "not_found_error", "not_found", `${what} not found`);

export function errorEnvelope(err: AppError) {
  return {
    error: {
      type: err.type,
      code: err.code,
      message: err.message,
      ...(err.param ? { param: err.param } : {}),
    },
  };
}

export const internalErrorEnvelope = {
  error: { type: "server_error", code: "internal_error", message: "Internal server error" },
} as const;
