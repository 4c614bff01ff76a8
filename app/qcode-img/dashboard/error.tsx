"use client";
import { useLocale } from "@/lib/i18n/locale.client";
import { DASHBOARD_STRINGS } from "./dictionary";

/** A failed server read: say so and offer a retry; the digest lets support find the log line. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [locale] = useLocale();
  const t = DASHBOARD_STRINGS[locale];
  return (
    <main className="page dashboard-page">
      <div className="notice error overview-error" role="alert" data-testid="dashboard-error">
        <span>
          {t.errorTitle}
          {error.digest ? <span className="subtle small"> ({error.digest})</span> : null}
        </span>
        <button type="button" className="btn small" onClick={reset}>
          {t.errorRetry}
        </button>
      </div>
    </main>
  );
}
