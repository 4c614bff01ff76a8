import "server-only";
import type { Db } from "@/db";
import type { SessionContext, StaffContext } from "./with-session";

/**
 * Who does a mutation, and on which clock: what every verb takes as `ctx`, from the customer's
 * dashboard and the support console alike. `accountId` is the customer's account (every verb
 * scopes to it: another account's key is 404); staff have none and may act on any account.
 */
export type VerbContext = {
  db: Db;
  /** The request's clock (injectable on test servers): "in the past" is judged against it. */
  now: Date;
  /** The audit trail's "who": the user id and their email. */
  actor: { userId: number | null; label: string };
  accountId: number | null;
};

/** A verb only a customer does (e.g. asking for a higher limit): the account is known. */
export type AccountVerbContext = VerbContext & { accountId: number };

/** The verb context of a staff route. */
export function staffVerbContext(c: Pick<StaffContext, "db" | "now" | "user">): VerbContext {
  return { db: c.db, now: c.now, actor: { userId: c.user.userId, label: c.user.email }, accountId: null };
}

/** The verb context of a customer's route, scoped to the session's account. */
export function accountVerbContext(c: Pick<SessionContext, "db" | "now" | "user" | "accountId">): AccountVerbContext {
  return { db: c.db, now: c.now, actor: { userId: c.user.userId, label: c.user.email }, accountId: c.accountId };
}
