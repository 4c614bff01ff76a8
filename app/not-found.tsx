import type { Metadata } from "next";
import { StatusPage } from "./_components/status-page";

export const metadata: Metadata = { title: "Page not found · 页面不存在" };

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      en={{ title: "Page not found", body: "There is no page at this address. It may have moved, or the link is mistyped." }}
      zh={{ title: "页面不存在", body: "此地址没有页面。它可能已被移动，或链接有误。" }}
    />
  );
}
