import type { ReactNode } from "react";

/** One figure on a card: a small label, the value, and an optional line (or more) under it. */
export function StatCard({
  label,
  value,
  sub,
  children,
  testId,
  valueTestId,
}: {
  label: ReactNode;
  value: ReactNode;
  sub?: ReactNode;
  children?: ReactNode;
  testId?: string;
  valueTestId?: string;
}) {
  return (
    <section className="card stat-card" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={valueTestId}>
        {value}
      </div>
      {children}
      {sub !== undefined && sub !== null && <div className="subtle small">{sub}</div>}
    </section>
  );
}
