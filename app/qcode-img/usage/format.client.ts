/** Display formatting of the usage page. Client-safe. Times are shown in Beijing time (UTC+8). */
import { beijingWallClock } from "@/lib/time/billing-day";

/** 2026-11-24T04:00:05.123Z → "2026-11-24 12:00:05" (Beijing time, no DST). */
export function beijingDateTime(iso: string): string {
  const s = beijingWallClock(iso);
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

/** → "2026-11-24 12:00" */
export function beijingMinute(iso: string): string {
  return beijingDateTime(iso).slice(0, 16);
}

export function beijingDate(iso: string): string {
  return beijingDateTime(iso).slice(0, 10);
}

/** 3 h 5 min 9 s → "03:05:09" */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((x) => String(x).padStart(2, "0")).join(":");
}

export function formatLatency(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatPercent(ratio: number): string {
  if (ratio === 0) return "0%";
  if (ratio < 0.001) return "<0.1%";
  return `${(ratio * 100).toFixed(1)}%`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** An instant in the viewer's own time zone, to the minute: "2026-11-30 00:00 (GMT+1)". */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const h = Math.floor(Math.abs(offset) / 60);
  const m = Math.abs(offset) % 60;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())} (UTC${sign}${h}${m ? `:${p(m)}` : ""})`;
}
