import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import "./console.css";

export const metadata = { title: { default: "Support console", template: "%s · imgledger console" } };

/** The console's pages keep their range and filters in the URL (nuqs). Each page checks the session itself. */
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return <NuqsAdapter>{children}</NuqsAdapter>;
}
