import { gatewayPreflight, imageGenerations, methodNotAllowed } from "@/lib/gateway/routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = imageGenerations;
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const DELETE = GET;
export const PATCH = GET;
export const OPTIONS = gatewayPreflight;
