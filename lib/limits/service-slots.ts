import "server-only";

/**
 * The service-wide ceiling of image calls in flight (MAX_INFLIGHT), counted in this process.
 * One server process is the deployment unit; JavaScript runs the check and the increment without
 * interleaving, so the ceiling is exact here without a lock shared by every key. Kept on
 * `globalThis` because Next bundles each route separately and a module may load twice.
 */
const g = globalThis as unknown as { imgledgerServiceSlots?: { active: number } };
const slots = (g.imgledgerServiceSlots ??= { active: 0 });

export function tryTakeServiceSlot(max: number): boolean {
  if (slots.active >= max) return false;
  slots.active += 1;
  return true;
}

export function releaseServiceSlot(): void {
  slots.active = Math.max(0, slots.active - 1);
}

export function serviceSlotsInUse(): number {
  return slots.active;
}
