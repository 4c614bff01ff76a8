import { gatewayPreflight, unknownEndpoint } from "@/lib/gateway/routes";

/** Every other path under /qcode-img/v1, and /qcode-img/v1 itself: the OpenAI envelope, not HTML. */
export const dynamic = "force-dynamic";

export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const OPTIONS = gatewayPreflight;
