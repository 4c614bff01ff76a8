import { imageGenerations } from "@/lib/gateway/routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = imageGenerations;
