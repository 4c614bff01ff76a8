"use client";
import "./globals.css";
import { StatusPage } from "./_components/status-page";

/** The root layout itself failed: this replaces it, so it brings its own html, body and title. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <head>
        <title>Something went wrong · 出错了 · imgledger</title>
      </head>
      <body>
        <StatusPage
          code="500"
          en={{ title: "Something went wrong", body: `The service failed to answer. Try again in a moment${error.digest ? ` (reference ${error.digest})` : ""}.` }}
          zh={{ title: "出错了", body: `服务暂时无法响应，请稍后重试${error.digest ? `（编号 ${error.digest}）` : ""}。` }}
          actions={
            <button type="button" className="btn" onClick={reset}>
              Try again · 重试
            </button>
          }
        />
      </body>
    </html>
  );
}
