import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { Suspense } from "react";
import { UsageApp } from "./usage-app";

export const metadata: Metadata = {
  title: "Usage",
  description: "Paste an API key to see its limits, its calls and their costs. The key never leaves your browser.",
};

export default function UsagePage() {
  // The range lives in the URL (nuqs); reading search params needs a Suspense boundary.
  return (
    <NuqsAdapter>
      <Suspense>
        <UsageApp />
      </Suspense>
    </NuqsAdapter>
  );
}
