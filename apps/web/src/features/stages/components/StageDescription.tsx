import { type Stage, UpdateStageRequest } from '@gateway-console/contract';
import { useState } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isStaleView } from '../../../shared/http.ts';
import { useAccess } from '../../session/index.ts';
import { useUpdateStage } from '../api/useUpdateStage.ts';

/** The stage's description, edited in place (If-Match; a stale view opens the stale-stage dialog). */
export function StageDescription({ stage }: { stage: Stage }) {
  const access = useAccess('operator');
  const update = useUpdateStage(stage);
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null)
    return (
      <span className="stage-description">
        {stage.description || 'No description'}{' '}
        {access.allowed && (
          <button type="button" className="button ghost small" onClick={() => setDraft(stage.description)}>
            Edit description
          </button>
        )}
      </span>
    );
  const parsed = UpdateStageRequest.safeParse({ description: draft });
  const close = () => {
    setDraft(null);
    update.reset();
  };
  return (
    <form
      aria-label="Stage description"
      className="form inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (parsed.success)
          update.mutate(parsed.data, {
            onSuccess: close,
            onError: (error) => (isStaleView(error) ? close() : undefined),
          });
      }}
    >
      <label className="field grow">
        <span>Description</span>
        <input maxLength={1024} value={draft} onChange={(event) => setDraft(event.target.value)} />
      </label>
      <button
        type="submit"
        className="button primary small"
        disabled={!parsed.success || draft === stage.description || update.isPending}
      >
        {update.isPending ? 'Saving…' : 'Save description'}
      </button>
      <button type="button" className="button small" onClick={close}>
        Cancel
      </button>
      {update.error && !isStaleView(update.error) ? (
        <div className="full">
          <ErrorAlert error={update.error} />
        </div>
      ) : null}
    </form>
  );
}
