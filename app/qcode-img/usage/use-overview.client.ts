"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Overview } from "@/lib/usage/types";
import { sourceId, usageJson, UsageApiError, type UsageSource } from "./api.client";

export type OverviewState =
  | { phase: "idle" }
  | { phase: "loading"; previous: Overview | null }
  | { phase: "ready"; data: Overview; loadedAt: number }
  /** `previous`: the last good data of the same key, still worth showing under the notice. */
  | { phase: "error"; error: UsageApiError; retryAt: number | null; previous: Overview | null };

/**
 * The cards' and charts' data in one request (`query`: the range, e.g. `days=90`). A 429 is retried by itself once Retry-After has
 * passed, so a user who refreshed too eagerly just waits.
 */
export function useOverview(source: UsageSource | null, query = ""): [OverviewState, () => void] {
  const [state, setState] = useState<OverviewState>({ phase: "idle" });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  const lastGood = useRef<{ id: string; data: Overview } | null>(null);
  const id = source ? sourceId(source) : null;
  const path = query ? `overview?${query}` : "overview";

  useEffect(() => {
    if (!source || !id) {
      lastGood.current = null; // the key was forgotten: so is what it showed
      setState({ phase: "idle" });
      return;
    }
    const ac = new AbortController();
    const previous = lastGood.current?.id === id ? lastGood.current.data : null;
    setState({ phase: "loading", previous });
    usageJson<Overview>(path, source, ac.signal).then(
      (data) => {
        lastGood.current = { id, data };
        setState({ phase: "ready", data, loadedAt: Date.now() });
      },
      (err: unknown) => {
        if (ac.signal.aborted) return;
        const error = err instanceof UsageApiError ? err : new UsageApiError("network", String(err));
        const retryAt = error.kind === "rate_limited" && error.retryAfter ? Date.now() + error.retryAfter * 1000 : null;
        setState({ phase: "error", error, retryAt, previous: error.kind === "unauthorized" ? null : previous });
      },
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- id stands for source
  }, [id, path, attempt]);

  useEffect(() => {
    if (state.phase !== "error" || state.retryAt === null) return;
    const id = window.setTimeout(reload, Math.max(0, state.retryAt - Date.now()));
    return () => window.clearTimeout(id);
  }, [state, reload]);

  return [state, reload];
}
