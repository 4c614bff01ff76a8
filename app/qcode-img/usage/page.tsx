import type { Metadata } from "next";
import { UsageApp } from "./usage-app";

export const metadata: Metadata = {
  title: "Usage",
  description: "Paste an API key to see its limits, 30 days of calls and costs. The key never leaves your browser.",
};

export default function UsagePage() {
  return <UsageApp />;
}
