/**
 * Text the ledger can store faithfully. PostgreSQL text cannot hold NUL (0x00): the write fails.
 * A lone UTF-16 surrogate has no UTF-8 form: it would be stored as U+FFFD, so the ledger would
 * show something other than what was sent. Both are refused at the boundary, naming the field,
 * before any work is done.
 */
export function unstorableTextProblem(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (!(value as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    return "must not contain unpaired UTF-16 surrogates (invalid Unicode)";
  }
  return null;
}

export function isStorableText(value: string): boolean {
  return unstorableTextProblem(value) === null;
}

/** A zod refinement for every string the ledger stores. */
export const storableText = {
  check: isStorableText,
  message: "must not contain NUL (\\u0000) characters or unpaired UTF-16 surrogates",
} as const;
