"use client";
import { useCallback, useEffect, useState } from "react";
import type { Overview } from "@/lib/usage/types";
import { usageJson, UsageApiError } from "./api.client";

export type OverviewState =
  | { phase: "idle" }
  | { phase: "loading"; previous: Overview | null }
  | { phase: "ready"; data: Overview; loadedAt: number }
  | { phase: "error"; error: UsageApiError; retryAt: number | null };

/**
 * The cards' and charts' data in one request. A 429 is retried by itself once Retry-After has
 * passed, so a user who refreshed too eagerly just waits.
 */
export function useOverview(token: string | null): [OverviewState, () => void] {
  const [state, setState] = useState<OverviewState>({ phase: "idle" });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    if (!token) {
      setState({ phase: "idle" });
      return;
    }
    const ac = new AbortController();
    setState((s) => ({ phase: "loading", previous: s.phase === "ready" ? s.data : s.phase === "loading" ? s.previous : null }));
    usageJson<Overview>("overview", token, ac.signal).then(
      (data) => setState({ phase: "ready", data, loadedAt: Date.now() }),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        const error = err instanceof UsageApiError ? err : new UsageApiError("network", String(err));
        const retryAt = error.kind === "rate_limited" && error.retryAfter ? Date.now() + error.retryAfter * 1000 : null;
        setState({ phase: "error", error, retryAt });
      },
    );
    return () => ac.abort();
  }, [token, attempt]);

  useEffect(() => {
    if (state.phase !== "error" || state.retryAt === null) return;
    const id = window.setTimeout(reload, Math.max(0, state.retryAt - Date.now()));
    return () => window.clearTimeout(id);
  }, [state, reload]);

  return [state, reload];
}
