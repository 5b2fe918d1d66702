import { emptyRow, type VariableRow } from './variableRows.ts';

/**
 * Name=value rows to add, edit and remove (stage variables, a canary's overrides), each row's problem
 * under AWS's rules beside it. `noun` names the controls: "Variable 1 name", "Remove upstream".
 */
export function VariablesEditor({
  rows,
  problems,
  onChange,
  disabled,
  noun = 'Variable',
  empty = 'No stage variables.',
}: {
  rows: VariableRow[];
  problems: Map<number, string>;
  onChange: (rows: VariableRow[]) => void;
  disabled: boolean;
  noun?: string;
  empty?: string;
}) {
  const edit = (key: number, field: 'name' | 'value', value: string) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  return (
    <div className="stack variables-editor">
      {rows.length === 0 && <p className="muted">{empty}</p>}
      {rows.map((row, index) => {
        const problem = problems.get(row.key);
        const errorId = `variable-row-${row.key}-error`;
        const invalid = problem ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
        return (
          <div key={row.key} className="variable-row">
            {(['name', 'value'] as const).map((field) => (
              <input
                key={field}
                aria-label={`${noun} ${index + 1} ${field}`}
                placeholder={field}
                value={row[field]}
                disabled={disabled}
                onChange={(e) => edit(row.key, field, e.target.value)}
                {...invalid}
              />
            ))}
            <button
              type="button"
              className="button small"
              disabled={disabled}
              onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
            >
              Remove {row.name || `${noun.toLowerCase()} ${index + 1}`}
            </button>
            {problem && (
              <small id={errorId} className="field-error full">
                {problem}
              </small>
            )}
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="button small"
          disabled={disabled}
          onClick={() => onChange([...rows, emptyRow()])}
        >
          Add {noun.toLowerCase()}
        </button>
      </div>
    </div>
  );
}
