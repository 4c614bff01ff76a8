"use client";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import { getJson } from "./api.client";
import type { ConsoleStrings } from "./dictionary";

type Result = { kind: "account" | "key" | "user" | "call"; id: number | string; accountId: number | null; label: string; matched: string };

function hrefOf(r: Result): string | null {
  if (r.kind === "key") return `/qcode-img/admin/keys/${r.id}`;
  if (r.kind === "account") return `/qcode-img/admin/accounts/${r.id}`;
  if (r.kind === "call") return r.accountId ? `/qcode-img/admin/accounts/${r.accountId}` : null;
  return r.accountId ? `/qcode-img/admin/accounts/${r.accountId}` : null;
}

/** One box, results as you type (debounced; an older answer never replaces a newer one). */
export function SearchBox({ t }: { t: ConsoleStrings }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [state, setState] = useState<{ q: string; results: Result[] | null; error: string | null; busy: boolean }>({ q: "", results: null, error: null, busy: false });
  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) {
      setState({ q: query, results: null, error: null, busy: false });
      return;
    }
    const ac = new AbortController();
    setState((s) => ({ ...s, busy: true }));
    const timer = window.setTimeout(() => {
      getJson<{ results: Result[] }>(`/search?q=${encodeURIComponent(query)}`, ac.signal).then(
        (r) => setState({ q: query, results: r.results, error: null, busy: false }),
        (e: unknown) => !ac.signal.aborted && setState({ q: query, results: null, error: (e as Error).message, busy: false }),
      );
    }, 150);
    return () => {
      ac.abort();
      window.clearTimeout(timer);
    };
  }, [q]);
  const kindLabel = { account: t.kindAccount, key: t.kindKey, user: t.kindUser, call: t.kindCall };
  return (
    <section className="card console-search" aria-labelledby={`${id}-l`}>
      <label id={`${id}-l`} htmlFor={id} className="stat-label">
        {t.searchLabel}
      </label>
      <div className="search-row">
        <input
          id={id}
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t.searchPlaceholder}
          data-testid="console-search"
        />
        {state.busy && <span className="spinner" aria-label={t.searching} />}
      </div>
      {q.trim().length > 0 && q.trim().length < 2 && <p className="subtle small">{t.searchHint}</p>}
      {state.error && <p className="notice error small" role="alert">{t.loadError.replace("{message}", state.error)}</p>}
      {state.results && state.results.length === 0 && <p className="subtle small">{fmt(t.searchNone, { q: state.q })}</p>}
      {state.results && state.results.length > 0 && (
        <ul className="search-results" data-testid="search-results">
          {state.results.map((r) => {
            const href = hrefOf(r);
            const body = (
              <>
                <span className={`badge kind-${r.kind}`}>{kindLabel[r.kind]}</span>
                <span className="search-label">{r.label}</span>
                <span className="subtle small search-matched">{fmt(t.matched, { what: r.matched })}</span>
              </>
            );
            return <li key={`${r.kind}-${r.id}`}>{href ? <Link href={href}>{body}</Link> : <span>{body}</span>}</li>;
          })}
        </ul>
      )}
    </section>
  );
}
