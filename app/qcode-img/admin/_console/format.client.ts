import { formatUsd } from "@/lib/pricing/format";
import { beijingMinute } from "../../usage/format.client";
import type { ConsoleStrings } from "./dictionary";

/** How the console prints a limit value (stored as text in the audit, numbers elsewhere). Client-safe. */
export function limitValueText(field: string, value: string | number | null, t: ConsoleStrings): string {
  if (value === null || value === "") return field === "expiresAt" ? t.never : t.noLimit;
  if (field === "dailyCostLimitMicros" || field === "totalCostLimitMicros") return formatUsd(Number(value));
  if (field === "expiresAt") return `${beijingMinute(String(value))} UTC+8`;
  return String(value);
}

export function fieldLabel(field: string, t: ConsoleStrings): string {
  const k = field === "status" ? "status_" : field;
  return (t as Record<string, string>)[k] ?? field;
}

export function when(iso: string | null, t: ConsoleStrings): string {
  return iso ? beijingMinute(iso) : t.never;
}
