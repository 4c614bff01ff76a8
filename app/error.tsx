"use client";
import { useEffect } from "react";
import { StatusPage } from "./_components/status-page";

/** Any page's unexpected error: nothing of it is shown, only what to do, in both languages. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = "Something went wrong · 出错了 · imgledger";
  }, []);
  return (
    <StatusPage
      code="500"
      en={{
        title: "Something went wrong",
        body: `This page failed to load. Try again; if it keeps failing, tell support${error.digest ? ` the reference ${error.digest}` : ""}.`,
      }}
      zh={{
        title: "出错了",
        body: `页面加载失败。请重试；如果反复出现，请联系客服${error.digest ? `并提供编号 ${error.digest}` : ""}。`,
      }}
      actions={
        <button type="button" className="btn" onClick={reset}>
          Try again · 重试
        </button>
      }
    />
  );
}
