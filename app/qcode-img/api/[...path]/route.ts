import { unknownApiPath } from "@/lib/api/unknown-path";

/** Every other path under /qcode-img/api: a JSON 404 in the one error shape, not an HTML page. */
export const dynamic = "force-dynamic";

export const GET = unknownApiPath;
export const HEAD = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const DELETE = unknownApiPath;
export const PATCH = unknownApiPath;
