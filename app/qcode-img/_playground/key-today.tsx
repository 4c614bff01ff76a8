"use client";
/** Today's allowance of the key being used: images left, concurrency, when the day resets. */
import { fmt } from "@/lib/i18n/locale.client";
import { beijingMinute, localMinute } from "../usage/format.client";
import type { Messages } from "./dictionary";
import { imagesLeft, type KeyToday } from "./use-key-today";
import s from "./playground.module.css";

/** "00:00 Beijing time (2026-11-30 00:00 UTC+8) = 2026-11-29 17:00 your time (UTC+1)". */
export function resetText(t: Messages, iso: string): string {
  return fmt(t.resetAt, { beijing: `${beijingMinute(iso)} UTC+8`, local: localMinute(iso) });
}

export function KeyTodayLine({ t, info }: { t: Messages; info: KeyToday | null }) {
  if (!info) return null;
  const today = info.today;
  const left = imagesLeft(today);
  return (
    <div className={`${s.today} ${left === 0 ? s.todayOut : ""}`} data-testid="key-today" role="status">
      <div>
        <strong data-testid="images-left">{fmt(t.imagesLeft, { left, cap: today.dailyImageCap })}</strong>
        <span className={s.help}> · {fmt(t.concurrencyAllowed, { cap: today.concurrencyCap })}</span>
      </div>
      <div className={s.help} data-testid="reset-at">
        {resetText(t, today.nextResetAt)}
      </div>
    </div>
  );
}
