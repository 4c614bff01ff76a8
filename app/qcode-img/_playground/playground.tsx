"use client";
import { useEffect, useState } from "react";
import { useLocale } from "@/lib/i18n/locale.client";
import { ApiReference } from "./api-reference";
import { messages } from "./dictionary";
import { GenerateForm, type FormValues } from "./generate-form";
import { KeyField, useStoredKey } from "./key-field";
import { isDemoEngine, ResultView } from "./result-view";
import { KeyTodayLine } from "./key-today";
import { SessionHistory, type HistoryEntry } from "./session-history";
import { useKeyToday } from "./use-key-today";
import { TopBar } from "../_components/top-bar";
import { useGenerate } from "./use-generate";
import s from "./playground.module.css";

const ENDPOINT = "/qcode-img/v1/images/generations";

/** Brings the progress into view: below the form on a phone, or scrolled past on a desktop. */
function revealResult() {
  const el = document.getElementById("result");
  if (!el) return;
  const top = el.getBoundingClientRect().top;
  if (top >= 0 && top <= window.innerHeight * 0.6) return;
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  el.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
}

export function Playground() {
  const [locale, setLocale] = useLocale();
  const t = messages(locale);
  const keyStore = useStoredKey();
  // Low by default: it is the fastest and stays under a CDN's 100 s limit.
  const [values, setValues] = useState<FormValues>({ prompt: "", size: "1024x1024", quality: "low", n: 1 });
  const { state, generate, cancel } = useGenerate(ENDPOINT);
  const running = state.phase === "running";
  const [history, setHistory] = useState<HistoryEntry[]>([]);

  const apiKey = keyStore.apiKey.trim();
  // Re-read the key's allowance whenever a call ends (or the key changes).
  const today = useKeyToday(apiKey, state.phase === "running" ? null : state);

  useEffect(() => {
    document.title = t.pageTitle;
  }, [t]);
  // Every paid result joins the session history, so a later failure never hides it.
  useEffect(() => {
    if (state.phase !== "success") return;
    const entry: HistoryEntry = {
      requestId: state.requestId,
      at: Date.now(),
      params: state.params,
      images: state.images,
      billedMicros: state.price.billedMicros,
      demoEngine: isDemoEngine(state.images),
    };
    setHistory((h) => [entry, ...h]);
  }, [state]);
  const blocker = !apiKey ? t.needKey : !values.prompt.trim() ? t.needPrompt : null;

  return (
    <>
      <TopBar current="playground" locale={locale} onLocaleChange={setLocale} />
      <main className="page">
        <div className="page-head">
          <div>
            <h1>{t.title}</h1>
            <div className="subtle">{t.subtitle}</div>
          </div>
        </div>
        <div className={s.layout}>
          <section className={`card ${s.controls}`}>
            <KeyField t={t} store={keyStore} />
            <KeyTodayLine t={t} info={today} />
            <GenerateForm
              t={t}
              locale={locale}
              values={values}
              onChange={setValues}
              running={running}
              blocker={blocker}
              onGenerate={() => {
                void generate(apiKey, { ...values });
                revealResult();
              }}
              onCancel={cancel}
            />
          </section>
          <div className={s.resultColumn}>
            <ResultView t={t} locale={locale} state={state} today={today} />
            <SessionHistory t={t} entries={history} />
          </div>
        </div>
        <ApiReference t={t} locale={locale} values={values} />
      </main>
    </>
  );
}
