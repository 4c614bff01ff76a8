import { gatewayPreflight, unknownEndpoint } from "@/lib/gateway/routes";

/** Every other path under /qcode-img/v1: the OpenAI error envelope, not an HTML 404. */
export const dynamic = "force-dynamic";

export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const OPTIONS = gatewayPreflight;
