import { formatCnyApprox, formatUsd } from "@/lib/pricing/format";
import type { AccountOverview } from "@/lib/usage/types";

export type Fx = AccountOverview["fx"];

/** An amount in USD, and `≈ ¥…` beside it for accounts settling in CNY. The one way amounts are shown here. */
export function Money({ micros, fx, testId }: { micros: number; fx: Fx; testId?: string }) {
  return (
    <span className="money" data-testid={testId}>
      {formatUsd(micros)}
      {fx && <span className="cny"> {formatCnyApprox(micros, fx.rate)}</span>}
    </span>
  );
}

/** The same as text (for sentences and tooltips). */
export function moneyText(micros: number, fx: Fx): string {
  return fx ? `${formatUsd(micros)} (${formatCnyApprox(micros, fx.rate)})` : formatUsd(micros);
}
