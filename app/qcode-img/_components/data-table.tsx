import type { ReactNode } from "react";

/**
 * The shell of every plain data table in the app: the empty state when there are no rows,
 * otherwise a horizontally scrollable `table.data` with its head and body.
 */
export function DataTable({
  empty,
  emptyText,
  head,
  children,
  className,
  testId,
}: {
  empty: boolean;
  emptyText: ReactNode;
  head: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  if (empty) return <p className="empty">{emptyText}</p>;
  return (
    <div className="table-wrap">
      <table className={className ? `data ${className}` : "data"} data-testid={testId}>
        <thead>{head}</thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
