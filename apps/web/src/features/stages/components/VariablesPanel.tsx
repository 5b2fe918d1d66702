import { type Stage, UpdateStageRequest } from '@gateway-console/contract';
import { useState } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isStaleView } from '../../../shared/http.ts';
import { useAccess } from '../../session/index.ts';
import { useUpdateStage } from '../api/useUpdateStage.ts';

type Row = { key: number; name: string; value: string };

let nextKey = 0;
const rowsOf = (variables: Record<string, string>): Row[] =>
  Object.entries(variables)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ key: nextKey++, name, value }));

/** The stage's variables: add, edit, remove, saved in one If-Match change (names and values checked as AWS does). */
export function VariablesPanel({ stage }: { stage: Stage }) {
  const access = useAccess('operator');
  const update = useUpdateStage(stage);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(stage.variables));
  const [seenEtag, setSeenEtag] = useState(stage.etag);
  if (seenEtag !== stage.etag) {
    setSeenEtag(stage.etag);
    setRows(rowsOf(stage.variables));
  }
  const named = rows.filter((r) => r.name.trim());
  const change: Record<string, string | null> = {};
  for (const name of Object.keys(stage.variables))
    if (!named.some((r) => r.name.trim() === name)) change[name] = null;
  for (const row of named)
    if (stage.variables[row.name.trim()] !== row.value) change[row.name.trim()] = row.value;
  const parsed = UpdateStageRequest.safeParse({ variables: change });
  const duplicate = new Set(named.map((r) => r.name.trim())).size !== named.length;
  const problem = duplicate
    ? 'Each variable name once.'
    : parsed.success
      ? ''
      : 'Names use letters, digits and "_" (at most 64); values at most 512 characters.';
  const edit = (key: number, field: 'name' | 'value', value: string) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  return (
    <section className="card stack" aria-labelledby="variables-heading">
      <h2 id="variables-heading">Stage variables</h2>
      <form
        aria-label="Stage variables"
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (!problem) update.mutate({ variables: change });
        }}
      >
        {rows.length === 0 && <p className="muted">No stage variables.</p>}
        {rows.map((row, index) => (
          <div key={row.key} className="row-actions">
            <input
              aria-label={`Variable ${index + 1} name`}
              value={row.name}
              disabled={!access.allowed}
              onChange={(e) => edit(row.key, 'name', e.target.value)}
            />
            <input
              aria-label={`Variable ${index + 1} value`}
              value={row.value}
              disabled={!access.allowed}
              onChange={(e) => edit(row.key, 'value', e.target.value)}
            />
            <button
              type="button"
              className="button small"
              disabled={!access.allowed}
              onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
            >
              Remove {row.name || `variable ${index + 1}`}
            </button>
          </div>
        ))}
        {problem && <small className="field-error">{problem}</small>}
        {update.error && !isStaleView(update.error) ? <ErrorAlert error={update.error} /> : null}
        <div className="row-actions">
          <button
            type="button"
            className="button small"
            disabled={!access.allowed}
            onClick={() => setRows((all) => [...all, { key: nextKey++, name: '', value: '' }])}
          >
            Add variable
          </button>
          <button
            type="submit"
            className="button primary small"
            disabled={
              !access.allowed || Boolean(problem) || Object.keys(change).length === 0 || update.isPending
            }
            title={access.reason || undefined}
          >
            {update.isPending ? 'Saving…' : 'Save variables'}
          </button>
        </div>
      </form>
    </section>
  );
}
