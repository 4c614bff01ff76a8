"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { fetchMe, signOut, type MeUser } from "@/lib/auth/auth-api.client";
import { fmt, type Locale } from "@/lib/i18n/locale.client";
import { SHARED_STRINGS } from "./shared-dictionary";
import type { TopBarPage } from "./top-bar";

const SIGNED_IN_AREAS = ["/qcode-img/dashboard", "/qcode-img/admin"];

/**
 * The top bar's right side: "Sign in", or who is signed in (email with the account name, or the
 * staff role), a link home (dashboard or console) and "Sign out". Asks /qcode-img/api/me itself,
 * so the keyless pages stay static and work without a session; pages that already know the user
 * pass it in.
 */
export function SessionMenu({ locale, user: given, current }: { locale: Locale; user?: MeUser | null; current?: TopBarPage }) {
  const t = SHARED_STRINGS[locale];
  const [user, setUser] = useState<MeUser | null | undefined>(given);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (given !== undefined) return;
    let live = true;
    fetchMe()
      .then((u) => live && setUser(u))
      .catch(() => live && setUser(null));
    return () => {
      live = false;
    };
  }, [given]);

  if (user === undefined) return <span className="session-menu" aria-hidden />;
  if (user === null) {
    const here = typeof window === "undefined" ? "" : `${window.location.pathname}${window.location.search}`;
    const href = here && here !== "/qcode-img" ? `/qcode-img/signin?callbackUrl=${encodeURIComponent(here)}` : "/qcode-img/signin";
    return (
      <span className="session-menu">
        <Link href={href} className="btn small" data-testid="sign-in-link">
          {t.signIn}
        </Link>
      </span>
    );
  }

  const staff = user.role !== "customer";
  const who = user.role !== "customer" ? `${user.email} · ${t[`role_${user.role}`]}` : user.accountName ? `${user.email} · ${user.accountName}` : user.email;
  async function out() {
    setBusy(true);
    setFailed(false);
    try {
      await signOut();
      if (SIGNED_IN_AREAS.some((p) => window.location.pathname.startsWith(p))) window.location.assign("/qcode-img/signin");
      else setUser(null);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="session-menu signed-in" data-testid="session-menu">
      <Link
        href={staff ? "/qcode-img/admin" : "/qcode-img/dashboard"}
        aria-current={current === (staff ? "admin" : "dashboard") ? "page" : undefined}
        data-testid="home-link"
      >
        {staff ? t.navConsole : t.navDashboard}
      </Link>
      <span className="session-who" title={fmt(t.signedInAs, { who })} data-testid="session-who">
        {who}
      </span>
      <button type="button" className="btn small" onClick={() => void out()} disabled={busy} data-testid="sign-out">
        {t.signOut}
      </button>
      {failed && (
        <span className="danger-text small" role="alert">
          {t.signOutFailed}
        </span>
      )}
    </span>
  );
}
