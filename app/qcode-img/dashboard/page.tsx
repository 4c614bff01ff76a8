import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/page";
import { listLimitRequests } from "@/lib/limits/account-history";
import { billingDay } from "@/lib/time/billing-day";
import { getAccountOverview } from "@/lib/usage/account-overview";
import { firstCallDay, resolvePageRange } from "@/lib/usage/range";
import { getStatements } from "@/lib/usage/statements";
import { DashboardApp } from "./dashboard-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The signed-in customer's dashboard. The range lives in the URL (`range=7d|30d|90d|month|
 * last-month`, or `from`/`to`), so the server reads it and shapes every series here; the client
 * only draws and changes the URL.
 */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const query = await searchParams;
  const qs = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(one(v))]])));
  const user = await requirePageUser(["customer"], `/qcode-img/dashboard${qs.size ? `?${qs}` : ""}`);
  const accountId = user.accountId!;
  const db = getDb();
  const now = new Date();
  const { range, preset, invalid } = resolvePageRange(
    { range: one(query.range), from: one(query.from), to: one(query.to) },
    { today: billingDay(now), firstDay: await firstCallDay(db, { accountId }) },
  );
  const [overview, statements, requests] = await Promise.all([
    getAccountOverview(db, accountId, range, now),
    getStatements(db, accountId),
    listLimitRequests(db, accountId),
  ]);
  return (
    <NuqsAdapter>
      <DashboardApp
        overview={overview}
        statements={statements}
        requests={requests}
        preset={preset}
        invalidField={invalid}
      />
    </NuqsAdapter>
  );
}
