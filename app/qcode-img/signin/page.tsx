import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { homeOf, pageSession } from "@/lib/auth/page";
import { SignInApp, type SignInNotice } from "./signin-app";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Sign-in. Already signed in: straight on to the page asked for, or the role's home (customers
 * the dashboard, staff the console); after signing in the form comes back here for the same.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const callbackUrl = safeCallbackPath(first(search.callbackUrl));
  const user = await pageSession();
  if (user) redirect(callbackUrl ?? homeOf(user.role));
  const error = first(search.error);
  const notice: SignInNotice | null =
    error === "CredentialsSignin" ? "wrong" : error === "AccountDisabled" ? "disabled" : error === "SessionRequired" ? "expired" : null;
  return <SignInApp callbackUrl={callbackUrl} initialNotice={notice} />;
}
