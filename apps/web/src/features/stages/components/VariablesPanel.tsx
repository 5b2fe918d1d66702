import type { Stage } from '@gateway-console/contract';
import { useState } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isStaleView } from '../../../shared/http.ts';
import { useAccess } from '../../session/index.ts';
import { useUpdateStage } from '../api/useUpdateStage.ts';
import { VariablesEditor } from './VariablesEditor.tsx';
import { rowProblems, rowsOf, variablesChange } from './variableRows.ts';

/** The stage's variables: add, edit, remove, saved in one If-Match change (names and values checked as AWS does). */
export function VariablesPanel({ stage }: { stage: Stage }) {
  const access = useAccess('operator');
  const update = useUpdateStage(stage);
  const [rows, setRows] = useState(() => rowsOf(stage.variables));
  const [seenEtag, setSeenEtag] = useState(stage.etag);
  if (seenEtag !== stage.etag) {
    setSeenEtag(stage.etag);
    setRows(rowsOf(stage.variables));
  }
  const problems = rowProblems(rows);
  const change = variablesChange(stage.variables, rows);
  return (
    <section className="card stack" aria-labelledby="variables-heading">
      <h2 id="variables-heading">Stage variables</h2>
      <form
        aria-label="Stage variables"
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (problems.size === 0) update.mutate({ variables: change });
        }}
      >
        <VariablesEditor rows={rows} problems={problems} onChange={setRows} disabled={!access.allowed} />
        {update.error && !isStaleView(update.error) ? <ErrorAlert error={update.error} /> : null}
        <div className="row-actions">
          <button
            type="submit"
            className="button primary small"
            disabled={
              !access.allowed || problems.size > 0 || Object.keys(change).length === 0 || update.isPending
            }
            title={access.reason || undefined}
          >
            {update.isPending ? 'Saving…' : 'Save variables'}
          </button>
          {!access.allowed && <small className="reason">{access.reason}</small>}
        </div>
      </form>
    </section>
  );
}
