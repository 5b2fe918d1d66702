import type { Stage } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { stageDriftQuery } from '../api/releases.ts';
import { DeployButton } from './DeployDialog.tsx';
import { changeCount, DiffLists } from './DeploymentDiffView.tsx';

/** "3 changes not deployed to prod": what the API has that the stage does not run, and a way to deploy it. */
export function DriftBanner({ stage }: { stage: Stage }) {
  const drift = useQuery(stageDriftQuery(stage.apiId, stage.name, stage.deploymentId));
  if (drift.error) return <ErrorAlert error={drift.error} />;
  // An answer about another deployment (the stage moved while it was asked) says nothing about this one.
  if (!drift.data || drift.data.deploymentId !== stage.deploymentId || changeCount(drift.data) === 0)
    return null;
  const count = changeCount(drift.data);
  return (
    <section className="drift-banner stack" aria-label="Not deployed">
      <strong>
        {count} {count === 1 ? 'change' : 'changes'} not deployed to {stage.name}
      </strong>
      <details>
        <summary>What the API has that {stage.name} does not run</summary>
        <DiffLists diff={drift.data} />
      </details>
      {/* With a canary running, the dialog offers deploying as the canary instead. */}
      <DeployButton apiId={stage.apiId} stages={[stage]} label={`Deploy to ${stage.name}`} />
    </section>
  );
}
