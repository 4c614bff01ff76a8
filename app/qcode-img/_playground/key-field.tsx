"use client";
/**
 * The API key: kept in memory, and in localStorage only while "remember on this device" is
 * ticked. "Forget" clears both.
 */
import { useEffect, useId, useState } from "react";
import { RAW_KEY_PATTERN } from "@/lib/keys/token.client";
import { readStorage, writeStorage } from "../_components/use-stored-key.client";
import type { Messages } from "./dictionary";
import s from "./playground.module.css";

export function useStoredKey() {
  const [apiKey, setKeyState] = useState("");
  const [remember, setRememberState] = useState(false);

  useEffect(() => {
    const saved = readStorage();
    if (saved) {
      setKeyState(saved);
      setRememberState(true);
    }
  }, []);

  // Storage is written from the handlers, so nothing is stored unless the box is ticked.
  const setApiKey = (value: string) => {
    setKeyState(value);
    if (remember) {
      writeStorage(value || null);
    }
  };
  const setRemember = (on: boolean) => {
    setRememberState(on);
    if (on && apiKey) writeStorage(apiKey);
    if (!on) writeStorage(null);
  };
  const forget = () => {
    writeStorage(null);
    setKeyState("");
    setRememberState(false);
  };

  return { apiKey, setApiKey, remember, setRemember, forget };
}

export function KeyField({ t, store }: { t: Messages; store: ReturnType<typeof useStoredKey> }) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  const trimmed = store.apiKey.trim();
  const malformed = trimmed.length > 0 && !RAW_KEY_PATTERN.test(trimmed);
  return (
    <div className={s.block}>
      <label htmlFor={id} className={s.label}>
        {t.keyLabel}
      </label>
      <div className={s.keyRow}>
        <input
          id={id}
          name="api-key"
          type={visible ? "text" : "password"}
          className={s.keyInput}
          value={store.apiKey}
          onChange={(e) => store.setApiKey(e.target.value)}
          placeholder={t.keyPlaceholder}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={malformed || undefined}
        />
        <button type="button" className="btn" onClick={() => setVisible((v) => !v)} aria-pressed={visible}>
          {visible ? t.keyHide : t.keyShow}
        </button>
      </div>
      {malformed && <div className={`${s.help} ${s.warnText}`}>{t.keyMalformed}</div>}
      <div className={s.keyOptions}>
        <label className={s.check}>
          <input type="checkbox" checked={store.remember} onChange={(e) => store.setRemember(e.target.checked)} />
          {t.keyRemember}
        </label>
        <button type="button" className="btn small danger" onClick={store.forget} disabled={!store.apiKey && !store.remember}>
          {t.keyForget}
        </button>
      </div>
      <div className={s.help}>{store.remember && store.apiKey ? t.keyRemembered : t.keyPrivacy}</div>
    </div>
  );
}
