"use client";
import type { Locale } from "@/lib/i18n/locale.client";
import type { Messages } from "./dictionary";
import s from "./playground.module.css";

const LINKS = [
  { href: "/qcode-img", label: "navPlayground" },
  { href: "/qcode-img/usage", label: "navUsage" },
  { href: "/qcode-img/dashboard", label: "navDashboard" },
  { href: "/qcode-img/admin", label: "navSupport" },
] as const;

export function TopBar({ t, locale, setLocale }: { t: Messages; locale: Locale; setLocale: (l: Locale) => void }) {
  return (
    <header className={`topbar ${s.topbar}`}>
      <a className="brand" href="/qcode-img">
        {t.brand}
      </a>
      <nav aria-label="Main">
        {LINKS.map((l) => (
          <a key={l.href} href={l.href} aria-current={l.href === "/qcode-img" ? "page" : undefined}>
            {t[l.label]}
          </a>
        ))}
      </nav>
      <span className="spacer" />
      <div className="seg" role="group" aria-label="Language / 语言">
        <button type="button" aria-pressed={locale === "en"} onClick={() => setLocale("en")} lang="en">
          EN
        </button>
        <button type="button" aria-pressed={locale === "zh"} onClick={() => setLocale("zh")} lang="zh-CN">
          中文
        </button>
      </div>
    </header>
  );
}
