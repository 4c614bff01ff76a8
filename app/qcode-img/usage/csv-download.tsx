"use client";
import { useState } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import { filterQuery, usageFetch, UsageApiError, type CallFilterState, type UsageSource } from "./api.client";
import type { UsageStrings } from "./dictionary";
import { formatBytes, formatCount } from "./format.client";

type State = { phase: "idle" } | { phase: "running"; bytes: number } | { phase: "done"; rows: number } | { phase: "error"; message: string };

/**
 * CSV of the filtered calls. Fetched with the token in a header (a plain link would need the
 * token in its URL), read as a stream to show progress, then saved from a Blob.
 */
export function CsvDownload({
  source,
  filters,
  t,
  describeError,
}: {
  source: UsageSource;
  filters: CallFilterState;
  t: UsageStrings;
  describeError: (e: UsageApiError) => string;
}) {
  const [state, setState] = useState<State>({ phase: "idle" });

  async function download() {
    setState({ phase: "running", bytes: 0 });
    try {
      const res = await usageFetch(`export.csv?${filterQuery(filters)}`, source);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let newlines = 0;
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        for (const b of value) if (b === 10) newlines++;
        setState({ phase: "running", bytes });
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "imgledger-calls.csv";
      const url = URL.createObjectURL(new Blob(chunks, { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      // One line per call after the header line, each ended by CRLF.
      setState({ phase: "done", rows: Math.max(0, newlines - 1) });
    } catch (err) {
      const message = err instanceof UsageApiError ? describeError(err) : String(err);
      setState({ phase: "error", message });
    }
  }

  return (
    <div className="csv-download">
      <button type="button" className="btn" onClick={download} disabled={state.phase === "running"} title={t.csvHint} data-testid="csv-download">
        {state.phase === "running" ? <span className="spinner" aria-hidden /> : <span aria-hidden>⤓</span>}
        {t.downloadCsv}
      </button>
      <span className="subtle small" role="status" aria-live="polite" data-testid="csv-status">
        {state.phase === "running" && fmt(t.downloading, { size: formatBytes(state.bytes) })}
        {state.phase === "done" && fmt(t.downloaded, { rows: formatCount(state.rows) })}
        {state.phase === "error" && <span className="danger-text">{state.message}</span>}
      </span>
    </div>
  );
}
