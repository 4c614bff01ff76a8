import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "imgledger · gpt-image-2", template: "%s · imgledger" },
  description: "Usage and billing for the OpenAI-compatible gpt-image-2 API",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render per request: the proxy's CSP nonce is new each time, and Next can only put it on its
  // scripts while rendering (a prerendered page would carry scripts without it).
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
