"use client";
/**
 * Where the playground's key stands today (images left, concurrency, next reset), read from the
 * keyless usage API with the key's SHA-256 token: the real limits of this key, not defaults.
 */
import { useEffect, useState } from "react";
import { RAW_KEY_PATTERN, sha256HexBrowser } from "@/lib/keys/token.client";
import type { KeyInfo, Today } from "@/lib/usage/types";

export type KeyToday = { key: KeyInfo; today: Today };

/** `refresh` changes after every call, so the figures follow what the key just used. */
export function useKeyToday(apiKey: string, refresh: unknown): KeyToday | null {
  const [state, setState] = useState<KeyToday | null>(null);
  useEffect(() => {
    if (!RAW_KEY_PATTERN.test(apiKey)) {
      setState(null);
      return;
    }
    const ac = new AbortController();
    // Typing a key fires one request once it stops changing, not one per keystroke.
    const timer = window.setTimeout(async () => {
      try {
        const token = await sha256HexBrowser(apiKey);
        const res = await fetch("/qcode-img/api/usage/today", { headers: { authorization: `Bearer ${token}` }, cache: "no-store", signal: ac.signal });
        setState(res.ok ? ((await res.json()) as KeyToday) : null);
      } catch {
        if (!ac.signal.aborted) setState(null);
      }
    }, 300);
    return () => {
      ac.abort();
      window.clearTimeout(timer);
    };
  }, [apiKey, refresh]);
  return state;
}

export function imagesLeft(t: Today): number {
  return Math.max(0, t.dailyImageCap - t.imagesUsed - t.imagesReserved);
}
