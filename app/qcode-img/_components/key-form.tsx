"use client";
import { useId, useState, type FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locale.client";
import { RAW_KEY_PATTERN } from "@/lib/keys/token.client";
import { SHARED_STRINGS, type SharedStrings } from "./shared-dictionary";

/** Why a pasted key is not a key, or null when it has the right shape. */
export function keyProblem(value: string, t: SharedStrings): string | null {
  if (value === "") return t.errEmpty;
  if (!value.startsWith("cr_")) return t.errPrefix;
  if (!/^cr_[0-9A-Za-z]*$/.test(value)) return t.errChars;
  if (!RAW_KEY_PATTERN.test(value)) return t.errShort;
  return null;
}

/**
 * Entry of a raw API key: password field with show/hide, "remember on this device", format
 * check. The parent decides what to do with the key; this form never sends it anywhere.
 */
export function KeyForm({
  locale,
  onSubmit,
  initialRemember = false,
  busy = false,
  title,
  intro,
}: {
  locale: Locale;
  onSubmit: (rawKey: string, remember: boolean) => void;
  initialRemember?: boolean;
  busy?: boolean;
  title?: string;
  intro?: string;
}) {
  const t = SHARED_STRINGS[locale];
  const id = useId();
  const [value, setValue] = useState("");
  const [visible, setVisible] = useState(false);
  const [remember, setRemember] = useState(initialRemember);
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const key = value.trim();
    const problem = keyProblem(key, t);
    setError(problem);
    if (!problem) onSubmit(key, remember);
  }

  return (
    <form className="card key-form" onSubmit={submit} noValidate aria-describedby={`${id}-privacy`}>
      {title && <h2>{title}</h2>}
      {intro && <p className="subtle key-form-intro">{intro}</p>}
      <label className="field" htmlFor={`${id}-key`}>
        {t.keyLabel}
      </label>
      <div className="key-input-row">
        <input
          id={`${id}-key`}
          name="api-key"
          type={visible ? "text" : "password"}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={t.keyPlaceholder}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            if (error) setError(null);
          }}
          className="mono key-input"
        />
        <button
          type="button"
          className="btn"
          onClick={() => setVisible((v) => !v)}
          aria-pressed={visible}
          aria-label={visible ? t.hideKey : t.showKey}
        >
          {visible ? t.hide : t.show}
        </button>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy && <span className="spinner" aria-hidden />}
          {t.submit}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <label className="check">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>
          {t.remember}
          <span className="subtle small block">{t.rememberHint}</span>
        </span>
      </label>
      <p id={`${id}-privacy`} className="subtle small key-privacy">
        <span aria-hidden>🔒 </span>
        {t.privacy}
      </p>
    </form>
  );
}

/** The key in use, shown in its display form, with "change" and "forget". */
export function ActiveKey({
  locale,
  display,
  remembered,
  onChange,
  onForget,
}: {
  locale: Locale;
  display: string;
  remembered: boolean;
  onChange: () => void;
  onForget: () => void;
}) {
  const t = SHARED_STRINGS[locale];
  return (
    <div className="active-key">
      <span className="subtle small">{t.keyLabel}</span>
      <code className="active-key-display">{display}</code>
      <span className="badge">{remembered ? t.remembered : t.memoryOnly}</span>
      <span className="row">
        <button type="button" className="btn small" onClick={onChange}>
          {t.change}
        </button>
        <button type="button" className="btn small danger" onClick={onForget}>
          {t.forget}
        </button>
      </span>
    </div>
  );
}
