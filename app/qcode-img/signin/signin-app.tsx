"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { signIn, type SignInResult } from "@/lib/auth/auth-api.client";
import { fmt, useLocale } from "@/lib/i18n/locale.client";
import { TopBar } from "../_components/top-bar";
import { SIGN_IN_STRINGS, type SignInStrings } from "./dictionary";

export type SignInNotice = "wrong" | "disabled" | "expired";
type Problem = SignInNotice | "empty" | "network" | { throttledS: number } | { status: number };

function describe(p: Problem, t: SignInStrings): string {
  if (typeof p === "object") {
    if ("status" in p) return fmt(t.errServer, { status: p.status });
    const minutes = Math.ceil(p.throttledS / 60);
    return minutes <= 1 ? t.errThrottledOne : fmt(t.errThrottled, { n: minutes });
  }
  return { wrong: t.errWrong, disabled: t.errDisabled, expired: t.errExpired, empty: t.errEmpty, network: t.errNetwork }[p];
}

function problemOf(r: Exclude<SignInResult, { kind: "ok" }>): Problem {
  if (r.kind === "throttled") return { throttledS: r.retryAfterS };
  if (r.kind === "failed") return { status: r.status };
  return r.kind;
}

/** The sign-in form: email and password, one plain message for whatever went wrong. */
export function SignInApp({ callbackUrl, initialNotice }: { callbackUrl: string | null; initialNotice: SignInNotice | null }) {
  const [locale, setLocale] = useLocale();
  const t = SIGN_IN_STRINGS[locale];
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(initialNotice);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) return setProblem("empty");
    setBusy(true);
    setProblem(null);
    let result: SignInResult;
    try {
      result = await signIn(email.trim(), password);
    } catch {
      setProblem("network");
      setBusy(false);
      return;
    }
    if (result.kind === "ok") {
      // The sign-in page, now signed in, forwards to the page asked for or the role's home.
      window.location.assign(callbackUrl ?? "/qcode-img/signin");
      return;
    }
    setProblem(problemOf(result));
    if (result.kind === "wrong") setPassword("");
    setBusy(false);
  }

  return (
    <>
      <TopBar current="signin" locale={locale} onLocaleChange={setLocale} />
      <main className="signin-page">
        <form className="card signin-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
          <h1 id={`${id}-title`}>{t.title}</h1>
          <p className="subtle small signin-intro">
            {t.intro}
          </p>
          {problem && (
            <p className="notice error" role="alert" data-testid="signin-error">
              {describe(problem, t)}
            </p>
          )}
          <label className="field">
            {t.email}
            <input
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              autoCapitalize="off"
              spellCheck={false}
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            {t.password}
            <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="btn primary" disabled={busy} data-testid="signin-submit">
            {busy && <span className="spinner" aria-hidden />}
            {busy ? t.submitting : t.submit}
          </button>
        </form>
        <p className="subtle small signin-foot">
          {t.keyless} <Link href="/qcode-img/usage">{t.keylessLink}</Link>
        </p>
      </main>
    </>
  );
}
