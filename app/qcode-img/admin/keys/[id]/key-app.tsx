"use client";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import type { StaffKeyView } from "@/lib/console/key-view";
import { formatUsd } from "@/lib/pricing/format";
import type { UsageApiError, UsageSource } from "../../../usage/api.client";
import { USAGE_STRINGS } from "../../../usage/dictionary";
import { describeUsageError, UsageBody } from "../../../usage/usage-app";
import { useOverview } from "../../../usage/use-overview.client";
import { AuditSection } from "../../_console/audit-table";
import { ConsolePage, LoadState, type ConsoleUser } from "../../_console/console-page";
import type { ConsoleStrings } from "../../_console/dictionary";
import { when } from "../../_console/format.client";
import { LimitsForm, StatusControl } from "../../_console/limits-form";
import { useJson } from "../../_console/use-json.client";
import type { Locale } from "@/lib/i18n/locale.client";

/** A key for support: what it is, its limits (form), status, audit trail, and the shared usage view. */
export function KeyApp({ user, keyId }: { user: ConsoleUser; keyId: number }) {
  const [state, reload] = useJson<StaffKeyView>(`/keys/${keyId}`);
  const [override, setOverride] = useState<StaffKeyView | null>(null);
  const [version, setVersion] = useState(0);
  const view = override ?? state.data;
  const saved = useCallback((v: StaffKeyView) => {
    setOverride(v);
    setVersion((n) => n + 1);
  }, []);
  return (
    <ConsolePage
      user={user}
      section="none"
      title={(t) => (view ? `${view.alias}` : t.key)}
      sub={() =>
        view && (
          <>
            <code>{view.display}</code> · <Link href={`/qcode-img/admin/accounts/${view.accountId}`}>{view.accountName}</Link>
          </>
        )
      }
    >
      {(t, locale) => (
        <>
          {state.phase === "error" && !view && <LoadState phase="error" message={state.message} t={t} onRetry={reload} />}
          {!view && state.phase === "loading" && <LoadState phase="loading" t={t} lines={4} />}
          {view && (
            <>
              <div className="grid grid-2">
                <KeyFacts view={view} t={t} />
                <StatusControl view={view} t={t} onSaved={saved} />
              </div>
              <LimitsForm view={view} t={t} onSaved={saved} />
              <AuditSection query={`keyId=${view.id}`} t={t} version={version} showKey={false} />
              <KeyUsage keyId={view.id} locale={locale} t={t} version={version} />
            </>
          )}
        </>
      )}
    </ConsolePage>
  );
}

function KeyFacts({ view, t }: { view: StaffKeyView; t: ConsoleStrings }) {
  const statusText = { active: t.active, disabled: t.disabled, expired: t.expired }[view.status];
  return (
    <section className="card" data-testid="key-facts">
      <dl className="kv">
        <dt>{t.status}</dt>
        <dd>
          <span className={`badge ${view.status === "active" ? "ok" : "danger"}`}>{statusText}</span>
        </dd>
        <dt>{t.today}</dt>
        <dd>
          {t.images}: <b>{view.today.images}</b> / {view.inForce.dailyImageCap.value} · {t.spend}: <b>{formatUsd(view.today.costMicros)}</b>
        </dd>
        <dt>{t.total}</dt>
        <dd>{formatUsd(view.spentTotalMicros)}</dd>
        <dt>{t.lastUsed}</dt>
        <dd>{when(view.lastUsedAt, t)}</dd>
        <dt>{t.expiresAt}</dt>
        <dd>{view.expiresAt ? when(view.expiresAt, t) : t.never}</dd>
      </dl>
    </section>
  );
}

function KeyUsage({ keyId, locale, t, version }: { keyId: number; locale: Locale; t: ConsoleStrings; version: number }) {
  const ut = USAGE_STRINGS[locale];
  const source = useMemo<UsageSource>(() => ({ kind: "session", base: `/qcode-img/api/admin/keys/${keyId}` }), [keyId]);
  const [overview, reloadOverview] = useOverview(source);
  const [reloadSignal, setReloadSignal] = useState(0);
  const refresh = useCallback(() => {
    reloadOverview();
    setReloadSignal((n) => n + 1);
  }, [reloadOverview]);
  const [seen, setSeen] = useState(version);
  if (seen !== version) {
    setSeen(version);
    refresh();
  }
  const describe = useCallback((e: UsageApiError) => describeUsageError(e, ut), [ut]);
  const shown = overview.phase === "ready" ? overview.data : overview.phase === "idle" ? null : overview.previous;
  return (
    <section aria-label={t.usage} className="usage-page">
      <h2>{t.usage}</h2>
      {overview.phase === "error" && !shown && <LoadState phase="error" message={describe(overview.error)} t={t} onRetry={reloadOverview} />}
      {!shown && overview.phase !== "error" && <LoadState phase="loading" t={t} lines={4} />}
      {shown && <UsageBody data={shown} source={source} t={ut} onReset={refresh} reloadSignal={reloadSignal} describe={describe} />}
    </section>
  );
}
