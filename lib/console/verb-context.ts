import "server-only";
import type { Db } from "@/db";

/** Who does a console mutation, and on which clock: what every verb takes as `ctx`. */
export type VerbContext = {
  db: Db;
  /** The request's clock (injectable on test servers): "in the past" is judged against it. */
  now: Date;
  actor: { userId: number | null; label: string };
};

/** The verb context of a staff route's context. */
export function verbContext(c: { db: Db; now: Date; user: { userId: number; email: string } }): VerbContext {
  return { db: c.db, now: c.now, actor: { userId: c.user.userId, label: c.user.email } };
}
