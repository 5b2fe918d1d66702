import type { Stage } from '@gateway-console/contract';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { AccessButton } from '../../../shared/AccessButton.tsx';
import { Dialog } from '../../../shared/Dialog.tsx';
import { DialogActions } from '../../../shared/DialogActions.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatPercent } from '../../../shared/format.ts';
import { isStaleView } from '../../../shared/http.ts';
import { useAccess } from '../../session/index.ts';
import { useDeletedStage, useDeleteStage } from '../api/useDeleteStage.ts';

/** "Delete stage" (admin): a dialog that wants the stage's name typed, then back to the API page. */
export function DeleteStageButton({ stage }: { stage: Stage }) {
  const access = useAccess('admin');
  const remove = useDeleteStage(stage);
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const close = () => {
    setOpen(false);
    setTyped('');
    remove.reset();
  };
  return (
    <>
      <AccessButton
        access={access}
        reasonId="delete-stage-reason"
        className="button danger small"
        onClick={() => setOpen(true)}
      >
        Delete stage
      </AccessButton>
      <Dialog open={open} title={`Delete stage ${stage.name}?`} onClose={close}>
        <form
          className="dialog-body stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (typed !== stage.name) return;
            remove.mutate(undefined, {
              onSuccess: () => navigate(`/apis/${encodeURIComponent(stage.apiId)}`),
              onError: (error) => (isStaleView(error) ? close() : undefined),
            });
          }}
        >
          <p>
            Its invoke URL stops answering at once: every caller of <code>{stage.invokeUrl}</code> gets 403.
            Its variables, cache and settings go with it; the deployments stay.
          </p>
          {stage.canary && (
            <p className="warning" role="note">
              A canary is running on this stage ({formatPercent(stage.canary.percentTraffic)} of traffic on
              deployment {stage.canary.deploymentId}); it ends with the stage.
            </p>
          )}
          <label className="field">
            <span>Type the stage name to confirm</span>
            <input
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </label>
          {remove.error && !isStaleView(remove.error) ? <ErrorAlert error={remove.error} /> : null}
          <DialogActions
            onCancel={close}
            label="Delete stage"
            pendingLabel="Deleting…"
            pending={remove.isPending}
            disabled={typed !== stage.name}
            danger
          />
        </form>
      </Dialog>
    </>
  );
}

/** On the API page: "Stage x deleted", after the operator deleted it from its page. */
export function StageDeletedNotice({ apiId }: { apiId: string }) {
  const { deleted, clear } = useDeletedStage();
  if (!deleted || deleted.apiId !== apiId) return null;
  return (
    <div role="status" className="notice">
      <span>Stage {deleted.name} deleted.</span>
      <button type="button" className="button ghost small" onClick={clear}>
        Dismiss
      </button>
    </div>
  );
}
