import "server-only";
import type { Db } from "@/db";

export type DemoCredentials = {
  keys: { account: string; alias: string; rawKey: string; note?: string }[];
  users: { email: string; password: string; role: string }[];
};

/** Placeholder until the demo dataset lands: seeds nothing. */
export async function seedDemoDataIfEmpty(_db: Db, _opts: { seed: string; now: Date }): Promise<{ calls: number } | null> {
  return null;
}

export function demoCredentials(_seed: string): DemoCredentials {
  return { keys: [], users: [] };
}
