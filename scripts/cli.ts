import { beijingWallClock } from "@/lib/time/billing-day";

/**
 * What the command-line tools share: a bad-argument error (exit 2 with the usage text), any other
 * failure (exit 1), and their table and time formats.
 */
export class UsageError extends Error {}

/**
 * Runs a tool's main: exit with the code it returns (0 when none), or 2 with the usage for bad
 * arguments, or 1 with the error.
 */
export function runCli(name: string, usage: string, main: () => Promise<void | number>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      if (err instanceof UsageError) {
        console.error(`${name}: ${err.message}\n\n${usage}`);
        process.exit(2);
      }
      console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

/** "2027-01-01 00:00" in Asia/Shanghai, whatever the machine's zone. */
export function beijingTime(at: Date): string {
  return beijingWallClock(at).slice(0, 16).replace("T", " ");
}

export function printTable(header: string[], rows: string[][]) {
  // Pad by display width so CJK account names do not break every column after them.
  const width = (s: string) => Array.from(s).reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => c + " ".repeat(widths[i]! - width(c))).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}
