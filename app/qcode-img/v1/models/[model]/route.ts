import { gatewayPreflight, methodNotAllowed, retrieveModel } from "@/lib/gateway/routes";

export const dynamic = "force-dynamic";

export const GET = retrieveModel;
export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
export const OPTIONS = gatewayPreflight;
