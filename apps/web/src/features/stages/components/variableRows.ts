import { StageVariableName, StageVariableValue } from '@gateway-console/contract';

/** One editable name=value line; `key` keeps React's identity while the name is being typed. */
export type VariableRow = { key: number; name: string; value: string };

let nextKey = 0;
export const emptyRow = (): VariableRow => ({ key: nextKey++, name: '', value: '' });

/** Rows for a variables object, sorted by name. */
export const rowsOf = (variables: Record<string, string>): VariableRow[] =>
  Object.entries(variables)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ key: nextKey++, name, value }));

const firstIssue = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? undefined : result.error?.issues[0]?.message;

/**
 * What is wrong with each row under AWS's rules (the contract's), in the operator's words; rows left
 * entirely blank are ignored. Empty when every row is fine.
 */
export function rowProblems(rows: VariableRow[]): Map<number, string> {
  const problems = new Map<number, string>();
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name && !row.value) continue;
    const problem = seen.has(name)
      ? `"${name}" is there twice: use each name once`
      : (firstIssue(StageVariableName.safeParse(name)) ??
        firstIssue(StageVariableValue.safeParse(row.value)));
    seen.add(name);
    if (problem) problems.set(row.key, problem);
  }
  return problems;
}

/** The variables the rows hold (blank rows left out). */
export function variablesOf(rows: VariableRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]));
}

/** The change from `original` to the rows: new or changed values, and null for each name removed. */
export function variablesChange(
  original: Record<string, string>,
  rows: VariableRow[],
): Record<string, string | null> {
  const wanted = variablesOf(rows);
  const change: Record<string, string | null> = {};
  for (const name of Object.keys(original)) if (!(name in wanted)) change[name] = null;
  for (const [name, value] of Object.entries(wanted)) if (original[name] !== value) change[name] = value;
  return change;
}
