"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useLocale, type Locale } from "@/lib/i18n/locale.client";
import { TopBar } from "../../_components/top-bar";
import { CONSOLE_STRINGS, type ConsoleStrings } from "./dictionary";

export type ConsoleUser = { email: string; role: "support" | "admin" | "customer" };
export type ConsoleSection = "overview" | "requests" | "audit" | "price-book" | "users" | "none";

const NAV: { id: ConsoleSection; href: string; label: keyof ConsoleStrings; adminOnly?: boolean }[] = [
  { id: "overview", href: "/qcode-img/admin", label: "navOverview" },
  { id: "requests", href: "/qcode-img/admin/limit-requests", label: "navRequests" },
  { id: "audit", href: "/qcode-img/admin/audit", label: "navAudit" },
  { id: "price-book", href: "/qcode-img/admin/price-book", label: "navPriceBook" },
  { id: "users", href: "/qcode-img/admin/users", label: "navUsers", adminOnly: true },
];

/** Every console page: the app's one top bar, the console's sections as a second row, and a titled main. */
export function ConsolePage({
  user,
  section,
  title,
  sub,
  actions,
  children,
}: {
  user: ConsoleUser;
  section: ConsoleSection;
  title: (t: ConsoleStrings) => ReactNode;
  sub?: (t: ConsoleStrings) => ReactNode;
  actions?: (t: ConsoleStrings) => ReactNode;
  children: (t: ConsoleStrings, locale: Locale) => ReactNode;
}) {
  const [locale, setLocale] = useLocale();
  const t = CONSOLE_STRINGS[locale];
  return (
    <>
      <TopBar current="admin" locale={locale} onLocaleChange={setLocale} user={{ email: user.email, role: user.role, accountName: null }} />
      <nav className="console-subnav" aria-label={t.console} data-testid="console-nav">
        {NAV.filter((n) => !n.adminOnly || user.role === "admin").map((n) => (
          <Link key={n.id} href={n.href} aria-current={n.id === section ? "page" : undefined}>
            {t[n.label]}
          </Link>
        ))}
      </nav>
      <main className="page console-page">
        <div className="page-head">
          <div>
            <h1>{title(t)}</h1>
            {sub && <p className="subtle page-sub">{sub(t)}</p>}
          </div>
          {actions && <div className="row">{actions(t)}</div>}
        </div>
        {children(t, locale)}
      </main>
    </>
  );
}

/** Loading, error (with retry) and empty states, the same everywhere in the console. */
export function LoadState({ phase, message, t, onRetry, lines = 3 }: { phase: "loading" | "error"; message?: string; t: ConsoleStrings; onRetry?: () => void; lines?: number }) {
  if (phase === "error") {
    return (
      <div className="notice error overview-error" role="alert">
        <span>{t.loadError.replace("{message}", message ?? "")}</span>
        {onRetry && (
          <button type="button" className="btn small" onClick={onRetry}>
            {t.retry}
          </button>
        )}
      </div>
    );
  }
  return (
    <div aria-busy="true" aria-label={t.loading}>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ marginTop: i ? 8 : 0, width: `${90 - i * 15}%` }} />
      ))}
    </div>
  );
}
