"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locale.client";
import type { MeUser } from "@/lib/auth/auth-api.client";
import { LocaleSwitch } from "./locale-switch";
import { SessionMenu } from "./session-menu";
import { SHARED_STRINGS, type SharedStrings } from "./shared-dictionary";

export type TopBarPage = "playground" | "usage" | "signin" | "dashboard" | "admin";

const NAV: { page: TopBarPage; href: string; label: keyof SharedStrings }[] = [
  { page: "playground", href: "/qcode-img", label: "navPlayground" },
  { page: "usage", href: "/qcode-img/usage", label: "navUsage" },
];

/**
 * The header of every page, the support console's included: brand, navigation, optional extras,
 * who is signed in (or "Sign in") with their Dashboard or Console link, language switch. `user` skips the top bar's own session lookup when the page knows it.
 */
export function TopBar({
  current,
  locale,
  onLocaleChange,
  children,
  user,
}: {
  current: TopBarPage;
  locale: Locale;
  onLocaleChange: (l: Locale) => void;
  children?: ReactNode;
  user?: MeUser | null;
}) {
  const t = SHARED_STRINGS[locale];
  return (
    <header className="topbar keyless-topbar">
      <Link href="/qcode-img" className="brand">
        {t.brand}
        <span className="brand-model">gpt-image-2</span>
      </Link>
      <nav aria-label={t.navLabel}>
        {NAV.map((n) => (
          <Link key={n.page} href={n.href} aria-current={n.page === current ? "page" : undefined}>
            {t[n.label]}
          </Link>
        ))}
      </nav>
      <span className="spacer" />
      {children}
      {current !== "signin" && <SessionMenu locale={locale} user={user} current={current} />}
      <LocaleSwitch locale={locale} onChange={onLocaleChange} />
    </header>
  );
}
