import type { ReactNode } from 'react';

/** A table's row of column headings; `actions` adds a last one, named for screen readers only. */
export function TableHead({
  columns,
  numeric = [],
  actions = false,
}: {
  columns: readonly string[];
  /** The columns of numbers, aligned right. */
  numeric?: readonly string[];
  actions?: boolean;
}) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className={numeric.includes(column) ? 'num' : undefined}>
            {column}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

/** The one row of a table with nothing to list, saying why. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="empty">
        {children}
      </td>
    </tr>
  );
}
