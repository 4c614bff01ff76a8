import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The branded frame of the 404 and error pages. These pages render before any locale choice is
 * known (it lives in the browser), so they say everything in English and Chinese at once.
 */
export function StatusPage({ code, en, zh, actions }: { code: string; en: { title: string; body: string }; zh: { title: string; body: string }; actions?: ReactNode }) {
  return (
    <>
      <header className="topbar keyless-topbar">
        <Link href="/qcode-img" className="brand">
          imgledger<span className="brand-model">gpt-image-2</span>
        </Link>
      </header>
      <main className="page status-page">
        <p className="status-code" aria-hidden>
          {code}
        </p>
        <section lang="en">
          <h1>{en.title}</h1>
          <p className="subtle">{en.body}</p>
        </section>
        <section lang="zh-CN">
          <h2>{zh.title}</h2>
          <p className="subtle">{zh.body}</p>
        </section>
        <nav className="row" aria-label="Pages · 页面">
          {actions}
          <Link className="btn primary" href="/qcode-img">
            Playground · 在线体验
          </Link>
          <Link className="btn" href="/qcode-img/usage">
            Usage · 用量查询
          </Link>
        </nav>
      </main>
    </>
  );
}
