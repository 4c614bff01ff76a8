"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { useState, type ReactNode } from "react";

export type CreatedKey = { id: number; key: string; display: string };

export type CreateKeyLabels = {
  createKey: string;
  newKeyTitle: string;
  newKeyWarning: string;
  alias: string;
  aliasHint?: string;
  copy: string;
  copied: string;
  close: string;
  cancel: string;
  create: string;
  creating: string;
};

/**
 * Create a key, for the customer's own account or (in the console) any account: ask for an alias,
 * then show the raw key once with a copy button and the warning that it will not be shown again.
 * Closing the dialog drops the key from memory. `create` posts to the caller's API and throws a
 * message to show; `extra` adds links for the new key (e.g. the console's key page).
 */
export function CreateKeyDialog({
  labels: t,
  create,
  onCreated,
  extra,
}: {
  labels: CreateKeyLabels;
  create: (alias: string) => Promise<CreatedKey>;
  onCreated: () => void;
  extra?: (created: CreatedKey) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [alias, setAlias] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [copied, setCopied] = useState(false);

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      if (created) onCreated();
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
      setCreated(await create(alias));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" data-testid="create-key-dialog" aria-describedby={undefined}>
          {created ? (
            <>
              <Dialog.Title>{t.newKeyTitle}</Dialog.Title>
              <p className="notice warn" role="alert" data-testid="new-key-warning">
                {t.newKeyWarning}
              </p>
              <div className="new-key">
                <code id="new-key-value" data-testid="new-key-value">
                  {created.key}
                </code>
                <button type="button" className="btn small" onClick={() => void copy()} data-testid="copy-key">
                  {copied ? t.copied : t.copy}
                </button>
              </div>
              <div className="dialog-actions">
                {extra?.(created)}
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
              {t.aliasHint && <p className="subtle small">{t.aliasHint}</p>}
              {error && (
                <p className="field-error" role="alert">
                  {error}
                </p>
              )}
              <div className="dialog-actions">
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
