import { unknownApiPath } from "@/lib/api/unknown-path";

/** Every other path under /qcode-img/api, and /qcode-img/api itself: a JSON 404, not HTML. */
export const dynamic = "force-dynamic";

export const GET = unknownApiPath;
export const HEAD = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const DELETE = unknownApiPath;
export const PATCH = unknownApiPath;
