"use client";
/** Code samples for the chosen parameters, and the reference's parameter, latency and error tables. */
import { useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locale.client";
import { codeSample, type SampleLanguage } from "./code-samples";
import { errorText, secondsRange, type ErrorCode, type Messages } from "./dictionary";
import { LATENCY, PLAYGROUND_QUALITIES, SAMPLE_PROMPTS } from "./options";
import type { FormValues } from "./generate-form";
import s from "./playground.module.css";

const TABS: { id: SampleLanguage; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "node", label: "Node.js (openai)" },
  { id: "browser", label: "JavaScript (browser fetch)" },
];

const ERROR_ROWS: { status: number; code: ErrorCode }[] = [
  { status: 401, code: "invalid_api_key" },
  { status: 401, code: "key_expired" },
  { status: 422, code: "unsupported_size" },
  { status: 429, code: "crs_daily_exhausted" },
  { status: 429, code: "crs_total_exhausted" },
  { status: 429, code: "image_daily_limit" },
  { status: 429, code: "concurrency_exhausted" },
  { status: 503, code: "service_overloaded" },
  { status: 503, code: "image_provider_unavailable" },
];

export function ApiReference({ t, locale, values }: { t: Messages; locale: Locale; values: FormValues }) {
  const [tab, setTab] = useState<SampleLanguage>("curl");
  const [copied, setCopied] = useState(false);
  // The origin is only known in the browser; the server render shows the path alone.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const baseUrl = `${origin}/qcode-img/v1`;
  const code = codeSample(tab, {
    baseUrl,
    prompt: values.prompt.trim() ? values.prompt : SAMPLE_PROMPTS[locale],
    size: values.size,
    quality: values.quality,
    n: values.n,
  });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      // Plain-http pages have no async clipboard; select the text for Ctrl+C instead.
      const pre = document.getElementById("api-sample");
      if (pre) window.getSelection()?.selectAllChildren(pre);
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <section className={`card ${s.reference}`} id="api-reference">
      <h2>{t.apiTitle}</h2>
      <p className="subtle">{t.apiIntro}</p>
      <dl className={`kv ${s.endpoint}`}>
        <dt>{t.apiBaseUrl}</dt>
        <dd className="mono" data-testid="base-url">
          {baseUrl}
        </dd>
        <dt>{t.apiEndpoint}</dt>
        <dd className="mono">POST {baseUrl}/images/generations</dd>
      </dl>

      <div className={s.tabsRow}>
        <div className={s.tabs} role="tablist" aria-label={t.apiTitle}>
          {TABS.map((x) => (
            <button key={x.id} type="button" role="tab" aria-selected={tab === x.id} className={s.tab} onClick={() => setTab(x.id)}>
              {x.label}
            </button>
          ))}
        </div>
        <button type="button" className="btn small" onClick={copy} data-testid="copy-sample">
          {copied ? `✓ ${t.copied}` : t.copy}
        </button>
      </div>
      <pre className={s.code} id="api-sample" role="tabpanel" tabIndex={0} aria-label={t.apiTitle} data-testid="code-sample">
        <code>{code}</code>
      </pre>
      <p className="small subtle">{t.apiKeyNote}</p>

      <div className={`notice warn ${s.timeout}`}>
        <strong>{t.timeoutTitle}: </strong>
        {t.timeoutAdvice}
      </div>

      <div className={s.tables}>
        <div>
          <h3>{t.paramsTitle}</h3>
          <div className="table-wrap">
            <table className={`data ${s.wrapTable}`}>
              <thead>
                <tr>
                  <th>{t.thField}</th>
                  <th>{t.thType}</th>
                  <th>{t.thRequired}</th>
                  <th>{t.thDefault}</th>
                  <th>{t.thValues}</th>
                </tr>
              </thead>
              <tbody>
                <ParamRow t={t} field="model" type="string" required def="—" values={t.paramModel} />
                <ParamRow t={t} field="prompt" type="string" required def="—" values={t.paramPrompt} />
                <ParamRow t={t} field="size" type="string" def="1024x1024" values={t.paramSize} />
                <ParamRow t={t} field="quality" type="string" def="medium" values={t.paramQuality} />
                <ParamRow t={t} field="n" type="integer" def="1" values={t.paramN} />
              </tbody>
            </table>
          </div>
        </div>
        <div>
          <h3>{t.latencyTitle}</h3>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t.thQuality}</th>
                  <th>{t.thTypical}</th>
                  <th>{t.thP99}</th>
                </tr>
              </thead>
              <tbody>
                {PLAYGROUND_QUALITIES.map((q) => (
                  <tr key={q}>
                    <td className="mono">{q}</td>
                    <td>{secondsRange(locale, LATENCY[q].typical)}</td>
                    <td>{secondsRange(locale, LATENCY[q].p99)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>

      <div className={s.tableGap}>
        <h3>{t.errorsTitle}</h3>
        <div className="table-wrap">
          <table className={`data ${s.wrapTable}`} data-testid="error-table">
            <thead>
              <tr>
                <th>{t.thHttp}</th>
                <th>{t.thCode}</th>
                <th>{t.thMeaning}</th>
                <th>{t.thWhatToDo}</th>
              </tr>
            </thead>
            <tbody>
              {ERROR_ROWS.map((r) => {
                const text = errorText(locale, r.code);
                return (
                  <tr key={r.code}>
                    <td>{r.status}</td>
                    <td className={`mono ${s.strong}`}>{r.code}</td>
                    <td className={s.wide}>{text.meaning}</td>
                    <td className={`subtle ${s.wide}`}>{text.hint}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/** data-label names each cell where phones show the rows as stacked blocks without a header. */
function ParamRow(p: { t: Messages; field: string; type: string; required?: boolean; def: string; values: string }) {
  return (
    <tr>
      <td className={`mono ${s.strong}`}>{p.field}</td>
      <td data-label={p.t.thType}>{p.type}</td>
      <td data-label={p.t.thRequired}>{p.required ? "✓" : "✗"}</td>
      <td data-label={p.t.thDefault} className="mono">
        {p.def}
      </td>
      <td className={s.wide}>{p.values}</td>
    </tr>
  );
}
