"use client";
import { useCallback, useEffect, useState } from "react";
import { getJson } from "./api.client";

export type JsonState<T> = { phase: "loading"; data: T | null } | { phase: "ready"; data: T } | { phase: "error"; message: string; data: T | null };

/** GETs `path` (null: nothing yet), keeping the last data while reloading; `reload` fetches again. */
export function useJson<T>(path: string | null): [JsonState<T>, () => void] {
  const [state, setState] = useState<JsonState<T>>({ phase: "loading", data: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!path) return;
    const ac = new AbortController();
    setState((s) => ({ phase: "loading", data: s.data }));
    getJson<T>(path, ac.signal).then(
      (data) => setState({ phase: "ready", data }),
      (err: unknown) => {
        if (!ac.signal.aborted) setState((s) => ({ phase: "error", message: (err as Error).message, data: s.data }));
      },
    );
    return () => ac.abort();
  }, [path, attempt]);
  return [state, useCallback(() => setAttempt((a) => a + 1), [])];
}
