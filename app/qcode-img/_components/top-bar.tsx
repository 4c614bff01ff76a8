"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locale.client";
import { LocaleSwitch } from "./locale-switch";
import { SHARED_STRINGS, type SharedStrings } from "./shared-dictionary";

export type TopBarPage = "playground" | "usage" | "dashboard";

const NAV: { page: TopBarPage; href: string; label: keyof SharedStrings }[] = [
  { page: "playground", href: "/qcode-img", label: "navPlayground" },
  { page: "usage", href: "/qcode-img/usage", label: "navUsage" },
];

/** The keyless pages' header: brand, navigation, optional extras, language switch. */
export function TopBar({
  current,
  locale,
  onLocaleChange,
  children,
}: {
  current: TopBarPage;
  locale: Locale;
  onLocaleChange: (l: Locale) => void;
  children?: ReactNode;
}) {
  const t = SHARED_STRINGS[locale];
  return (
    <header className="topbar keyless-topbar">
      <Link href="/qcode-img" className="brand">
        {t.brand}
        <span className="brand-model">gpt-image-2</span>
      </Link>
      <nav aria-label="Main">
        {NAV.map((n) => (
          <Link key={n.page} href={n.href} aria-current={n.page === current ? "page" : undefined}>
            {t[n.label]}
          </Link>
        ))}
      </nav>
      <span className="spacer" />
      {children}
      <LocaleSwitch locale={locale} onChange={onLocaleChange} />
    </header>
  );
}
