"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import type { KeyRow } from "@/lib/usage/types";
import { CreateKeyDialog, type CreatedKey } from "../_components/create-key-dialog";
import type { DashboardStrings } from "./dictionary";
import { mutate, MutationError } from "./mutate.client";
import styles from "./dashboard.module.css";

/** The dashboard's "Create key": the app's one create-key dialog, posting to the account's keys. */
export function CreateAccountKey({ t }: { t: DashboardStrings }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <CreateKeyDialog
      labels={t}
      create={async (alias) => {
        try {
          return await mutate<CreatedKey>("POST", "keys", { alias });
        } catch (e) {
          throw new Error(fmt(t.actionFailed, { message: e instanceof MutationError ? e.message : String(e) }));
        }
      }}
      onCreated={() => startTransition(() => router.refresh())}
    />
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
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
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
            <div className="dialog-actions">
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

