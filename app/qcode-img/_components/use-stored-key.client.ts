"use client";
import { useCallback, useEffect, useState } from "react";

/**
 * The raw API key as the browser holds it: in memory, and in localStorage only when the user
 * ticked "remember on this device". Shared by the keyless pages, so a remembered key works on
 * each of them. Client-safe.
 */
export const STORAGE_KEY = "imgledger.apiKey";

export type StoredKey = {
  key: string | null;
  remember: boolean;
  /** False until localStorage has been read (avoids flashing the form for a remembered key). */
  ready: boolean;
  save: (key: string, remember: boolean) => void;
  forget: () => void;
};

export function useStoredKey(): StoredKey {
  const [key, setKey] = useState<string | null>(null);
  const [remember, setRemember] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const saved = readStorage();
    if (saved) {
      setKey(saved);
      setRemember(true);
    }
    setReady(true);
  }, []);

  const save = useCallback((k: string, r: boolean) => {
    if (r) writeStorage(k);
    else writeStorage(null);
    setKey(k);
    setRemember(r);
  }, []);

  const forget = useCallback(() => {
    writeStorage(null);
    setKey(null);
    setRemember(false);
  }, []);

  return { key, remember, ready, save, forget };
}

/** The remembered key, or null (none, or storage disabled). */
export function readStorage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, policy): memory only
  }
}

/** Remembers the key (null forgets it); a no-op where storage is disabled. */
export function writeStorage(value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    /* storage disabled: memory only */
  }
}

/** `cr_AbCd…wxyz`, the form the server shows too. */
export function displayFormOf(rawKey: string): string {
  const body = rawKey.slice(3);
  return `cr_${body.slice(0, 4)}…${body.slice(-4)}`;
}
