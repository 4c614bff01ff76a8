import "server-only";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { DbOrTx, Db } from "@/db";

/**
 * Changes other processes must hear about at once, sent with Postgres NOTIFY inside the
 * transaction that makes the change (so a listener never hears of a change that rolled back, and
 * hears of a committed one right after the commit).
 */
export const KEY_CHANGED_CHANNEL = "imgledger_key_changed";
export const PRICE_BOOK_CHANNEL = "imgledger_price_book";

export async function notifyKeyChanged(tx: DbOrTx, keyId: number): Promise<void> {
  await tx.execute(sql`select pg_notify(${KEY_CHANGED_CHANNEL}, ${String(keyId)})`);
}

export async function notifyPriceBookChanged(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_notify(${PRICE_BOOK_CHANNEL}, '')`);
}

type Listener = {
  /** True while the LISTEN connection is up; caches must not trust their memory otherwise. */
  listening: boolean;
  started: boolean;
  onKey: Set<(keyId: number | null) => void>;
  onPriceBook: Set<() => void>;
};

const g = globalThis as unknown as { imgledgerChangeListener?: Listener };
const state: Listener = (g.imgledgerChangeListener ??= {
  listening: false,
  started: false,
  onKey: new Set(),
  onPriceBook: new Set(),
});

/** Subscribe to key changes; `null` means "anything may have changed" (after a reconnect). */
export function onKeyChanged(fn: (keyId: number | null) => void): void {
  state.onKey.add(fn);
}

export function onPriceBookChanged(fn: () => void): void {
  state.onPriceBook.add(fn);
}

export function changeListenerUp(): boolean {
  return state.listening;
}

/**
 * Starts this process's listener once (lazily, on the first cached lookup). postgres.js keeps a
 * dedicated connection for LISTEN and re-subscribes after a reconnect; `onlisten` runs on every
 * (re)subscription, and since notifications sent while the connection was down are lost, each
 * one tells every subscriber to forget everything. While the connection is down, entries still
 * expire by their TTL.
 */
export function ensureChangeListener(db: Db): void {
  if (state.started) return;
  state.started = true;
  const client = (db as unknown as { $client?: postgres.Sql }).$client;
  if (!client) return;
  const resubscribed = () => {
    state.listening = true;
    for (const fn of state.onKey) fn(null);
    for (const fn of state.onPriceBook) fn();
  };
  const listen = async () => {
    try {
      await client.listen(
        KEY_CHANGED_CHANNEL,
        (payload) => {
          const id = Number(payload);
          for (const fn of state.onKey) fn(Number.isSafeInteger(id) ? id : null);
        },
        resubscribed,
      );
      await client.listen(PRICE_BOOK_CHANNEL, () => {
        for (const fn of state.onPriceBook) fn();
      });
    } catch (err) {
      // Could not subscribe (database down at start): caches keep reading through, and we try again.
      state.listening = false;
      console.error("[imgledger] LISTEN failed; retrying in 1 s", err instanceof Error ? err.message : err);
      setTimeout(() => void listen(), 1000).unref?.();
    }
  };
  void listen();
}
