import type { Stage } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog } from '../../../shared/Dialog.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isStaleView } from '../../../shared/http.ts';
import { useAccess } from '../../session/index.ts';
import { stageDriftQuery, useDeploy } from '../api/releases.ts';
import { changeCount, DiffLists } from './DeploymentDiffView.tsx';

/** "3 changes not deployed to prod": what the API has that the stage does not run, and a way to deploy it. */
export function DriftBanner({ stage }: { stage: Stage }) {
  const drift = useQuery(stageDriftQuery(stage.apiId, stage.name, stage.deploymentId));
  const access = useAccess('operator');
  const deploy = useDeploy(stage);
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState('');
  if (drift.error) return <ErrorAlert error={drift.error} />;
  // An answer about another deployment (the stage moved while it was asked) says nothing about this one.
  if (!drift.data || drift.data.deploymentId !== stage.deploymentId || changeCount(drift.data) === 0)
    return null;
  const count = changeCount(drift.data);
  const canaryReason = stage.canary ? 'Promote or roll back the canary first.' : '';
  const reason = access.reason || canaryReason;
  const close = () => {
    setOpen(false);
    deploy.reset();
  };
  return (
    <section className="drift-banner stack" aria-label="Not deployed">
      <strong>
        {count} {count === 1 ? 'change' : 'changes'} not deployed to {stage.name}
      </strong>
      <details>
        <summary>What the API has that {stage.name} does not run</summary>
        <DiffLists diff={drift.data} />
      </details>
      <span className="action-with-reason">
        <button
          type="button"
          className="button primary small"
          disabled={Boolean(reason)}
          title={reason || undefined}
          onClick={() => setOpen(true)}
        >
          Deploy to {stage.name}
        </button>
        {reason && <small className="reason">{reason}</small>}
      </span>
      <Dialog open={open} title={`Deploy to ${stage.name}?`} onClose={close}>
        <form
          className="dialog-body stack"
          onSubmit={(event) => {
            event.preventDefault();
            deploy.mutate(
              { description: description.trim(), stageName: stage.name },
              {
                onSuccess: () => {
                  setDescription('');
                  close();
                },
                onError: (error) => (isStaleView(error) ? close() : undefined),
              },
            );
          }}
        >
          <p>
            A new deployment of the API’s current definition; {stage.name} runs it at once. This changes what{' '}
            {stage.name} runs:
          </p>
          <DiffLists diff={drift.data} />
          <label className="field">
            <span>Description</span>
            <input
              required
              maxLength={1024}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          </label>
          {deploy.error && !isStaleView(deploy.error) ? <ErrorAlert error={deploy.error} /> : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button
              type="submit"
              className="button primary"
              disabled={deploy.isPending || !description.trim()}
            >
              {deploy.isPending ? 'Working…' : 'Confirm'}
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
