"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import type { KeyRow } from "@/lib/usage/types";
import type { DashboardStrings } from "./dictionary";
import { mutate, MutationError } from "./mutate.client";
import styles from "./dashboard.module.css";

type Created = { id: number; key: string; display: string; alias: string };

/**
 * Create a key: ask for an alias, then show the raw key once with a copy button and the warning
 * that it will not be shown again. Closing the dialog drops it from memory.
 */
export function CreateKeyDialog({ t }: { t: DashboardStrings }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [alias, setAlias] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [, startTransition] = useTransition();

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      if (created) startTransition(() => router.refresh());
      setAlias("");
      setError(null);
      setCreated(null);
      setCopied(false);
    }
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await mutate<Created>("POST", "keys", { alias }));
    } catch (e) {
      setError(fmt(t.actionFailed, { message: e instanceof MutationError ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
    } catch {
      // Clipboard refused (plain http, permissions): select the text so Ctrl+C works.
      const el = document.getElementById("new-key-value");
      if (el) window.getSelection()?.selectAllChildren(el);
    }
    setCopied(true);
  };

  return (
    <Dialog.Root open={open} onOpenChange={reset}>
      <Dialog.Trigger asChild>
        <button type="button" className="btn primary" data-testid="create-key">
          {t.createKey}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} data-testid="create-key-dialog" aria-describedby={undefined}>
          {created ? (
            <>
              <Dialog.Title>{t.newKeyTitle}</Dialog.Title>
              <p className="notice warn" role="alert" data-testid="new-key-warning">
                {t.newKeyWarning}
              </p>
              <div className={styles.newKey}>
                <code id="new-key-value" data-testid="new-key-value">
                  {created.key}
                </code>
                <button type="button" className="btn small" onClick={() => void copy()} data-testid="copy-key">
                  {copied ? t.copied : t.copy}
                </button>
              </div>
              <div className={styles.dialogActions}>
                <Dialog.Close asChild>
                  <button type="button" className="btn">
                    {t.close}
                  </button>
                </Dialog.Close>
              </div>
            </>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              <Dialog.Title>{t.createKey}</Dialog.Title>
              <label className="field">
                {t.alias}
                <input value={alias} onChange={(e) => setAlias(e.target.value)} maxLength={64} required autoFocus data-testid="new-key-alias" />
              </label>
              <p className="subtle small">{t.aliasHint}</p>
              {error && (
                <p className="field-error" role="alert">
                  {error}
                </p>
              )}
              <div className={styles.dialogActions}>
                <Dialog.Close asChild>
                  <button type="button" className="btn">
                    {t.cancel}
                  </button>
                </Dialog.Close>
                <button type="submit" className="btn primary" disabled={busy || !alias.trim()} data-testid="create-key-submit">
                  {busy ? t.creating : t.create}
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A key's row actions: rename (dialog) and disable / enable. Limits are support's to change. */
export function KeyActions({ k, t }: { k: KeyRow; t: DashboardStrings }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const patch = async (body: { alias?: string; status?: "active" | "disabled" }) => {
    setBusy(true);
    setError(null);
    try {
      await mutate("PATCH", `keys/${k.id}`, body);
      startTransition(() => router.refresh());
      return true;
    } catch (e) {
      setError(fmt(t.actionFailed, { message: e instanceof MutationError ? e.message : String(e) }));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.actions} data-testid={`actions-${k.alias}`}>
      <RenameDialog k={k} t={t} onSave={(alias) => patch({ alias })} />
      {k.status === "disabled" ? (
        <button type="button" className="btn small" disabled={busy} onClick={() => void patch({ status: "active" })}>
          {t.enable}
        </button>
      ) : (
        <button type="button" className="btn small danger" disabled={busy} onClick={() => void patch({ status: "disabled" })}>
          {t.disable}
        </button>
      )}
      {error && (
        <span className="field-error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function RenameDialog({ k, t, onSave }: { k: KeyRow; t: DashboardStrings; onSave: (alias: string) => Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  const [alias, setAlias] = useState(k.alias);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setAlias(k.alias);
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn small">
          {t.rename}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} aria-describedby={undefined}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void onSave(alias).then((ok) => ok && setOpen(false));
            }}
          >
            <Dialog.Title>{fmt(t.renameTitle, { key: k.display })}</Dialog.Title>
            <label className="field">
              {t.alias}
              <input value={alias} onChange={(e) => setAlias(e.target.value)} maxLength={64} required autoFocus />
            </label>
            <div className={styles.dialogActions}>
              <Dialog.Close asChild>
                <button type="button" className="btn">
                  {t.cancel}
                </button>
              </Dialog.Close>
              <button type="submit" className="btn primary" disabled={!alias.trim()}>
                {t.save}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

