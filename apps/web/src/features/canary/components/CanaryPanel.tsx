import type { Deployment, Stage } from '@gateway-console/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { AccessButton } from '../../../shared/AccessButton.tsx';
import { ConfirmDialog, closeOnceSettled } from '../../../shared/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { focusPageHeading } from '../../../shared/focus.ts';
import { formatPercent } from '../../../shared/format.ts';
import { isStaleView } from '../../../shared/http.ts';
import { showToast } from '../../../shared/toast.ts';
import { DeploymentDiffView } from '../../deployments/index.ts';
import { useAccess } from '../../session/index.ts';
import { stageKeys } from '../../stages/index.ts';
import { usePromoteCanary } from '../api/usePromoteCanary.ts';
import { usePutCanary } from '../api/usePutCanary.ts';
import { useRollBackCanary } from '../api/useRollBackCanary.ts';
import { canaryVerdictQuery } from '../api/verdict.ts';
import { CanarySettingsForm } from './CanarySettingsForm.tsx';
import { CanaryTrafficSlider } from './CanaryTrafficSlider.tsx';
import { CanaryVerdictStatus } from './CanaryVerdictStatus.tsx';
import { StartCanaryForm } from './StartCanaryForm.tsx';
import './canary.css';

type ApplyState =
  | { phase: 'idle' }
  | { phase: 'pending' | 'applied'; percent: number }
  | { phase: 'failed'; percent: number };

/** Sends slider changes one at a time: each waits for the stage's fresh ETag from the one before. */
function useCanaryTraffic(stage: Stage) {
  const queryClient = useQueryClient();
  const put = usePutCanary(stage.apiId, stage.name);
  const [state, setState] = useState<ApplyState>({ phase: 'idle' });
  const inFlight = useRef(false);
  const queued = useRef<number | null>(null);

  const send = (percent: number) => {
    inFlight.current = true;
    setState({ phase: 'pending', percent });
    const seen = queryClient.getQueryData<Stage>(stageKeys.detail(stage.apiId, stage.name)) ?? stage;
    put.mutate(
      { request: { percentTraffic: percent }, seen },
      {
        onSettled: (_data, error) => {
          inFlight.current = false;
          const next = queued.current;
          queued.current = null;
          if (!error && next !== null && next !== percent) send(next);
          else setState(error ? { phase: 'failed', percent } : { phase: 'applied', percent });
          if (!error && (next === null || next === percent))
            showToast(`${formatPercent(percent)} canary traffic applied to ${stage.name}`);
        },
      },
    );
  };
  const commit = (percent: number) => {
    if (inFlight.current) {
      queued.current = percent;
      setState({ phase: 'pending', percent });
    } else send(percent);
  };
  return { commit, state, error: put.error, reset: put.reset };
}

function describe(deployments: Deployment[] | undefined, id: string) {
  const found = deployments?.find((d) => d.id === id);
  return found?.description ? `${id} (${found.description})` : id;
}

/** The stage's canary: traffic split, what it runs, and the ways to finish it. */
export function CanaryPanel({ stage, deployments }: { stage: Stage; deployments: Deployment[] | undefined }) {
  const access = useAccess('operator');
  const traffic = useCanaryTraffic(stage);
  const promote = usePromoteCanary(stage);
  const rollBack = useRollBackCanary(stage);
  const [confirming, setConfirming] = useState<'promote' | 'rollback' | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const verdict = useQuery({ ...canaryVerdictQuery(stage.apiId, stage.name), enabled: !!stage.canary });
  // Every decision uses the judge: with a failing canary, rolling back is the primary action.
  const failing = verdict.data?.verdict === 'failing';
  const canary = stage.canary;

  const promoteButton = (className: string) => (
    <AccessButton
      access={access}
      reasonId="promote-reason"
      className={className}
      onClick={() => setConfirming('promote')}
    >
      Promote canary
    </AccessButton>
  );
  const rollBackButton = (className: string) => (
    <AccessButton
      access={access}
      reasonId="rollback-canary-reason"
      className={className}
      onClick={() => setConfirming('rollback')}
    >
      Roll back canary
    </AccessButton>
  );

  if (!canary)
    return (
      <section className="card" aria-labelledby="canary-heading">
        <h2 id="canary-heading">Canary</h2>
        <p className="muted">
          No canary on this stage: every request is served by deployment{' '}
          {describe(deployments, stage.deploymentId)}.
        </p>
        <StartCanaryForm stage={stage} deployments={deployments} access={access} />
      </section>
    );

  const shown = traffic.state.phase === 'pending' ? traffic.state.percent : canary.percentTraffic;
  const overrides = Object.entries(canary.stageVariableOverrides);
  const variableChanges = overrides.filter(([name, value]) => stage.variables[name] !== value);
  const reasonId = 'canary-role-reason';

  return (
    <section className="card canary" aria-labelledby="canary-heading">
      <div className="section-header">
        <h2 id="canary-heading">Canary</h2>
        <span className="split-readout" aria-live="polite">
          <span className="base-text">{formatPercent(100 - shown)} base</span>
          {' · '}
          <span className="canary-text">{formatPercent(shown)} canary</span>
        </span>
      </div>
      <CanaryTrafficSlider
        value={shown}
        disabled={!access.allowed}
        describedBy={access.allowed ? undefined : reasonId}
        onCommit={traffic.commit}
      />
      <div className="apply-state" role="status" aria-label="Canary traffic change">
        {traffic.state.phase === 'idle' && access.allowed && (
          <span className="muted">
            Drag the slider or use the arrow keys; the split applies when you let go or stop pressing.
          </span>
        )}
        {traffic.state.phase === 'pending' && (
          <span className="pending">Applying {formatPercent(traffic.state.percent)}…</span>
        )}
        {traffic.state.phase === 'applied' && (
          <span className="applied">✓ {formatPercent(traffic.state.percent)} canary traffic applied</span>
        )}
        {traffic.state.phase === 'failed' && (
          <span className="failed">Not applied: back to {formatPercent(canary.percentTraffic)}</span>
        )}
        {!access.allowed && (
          <small id={reasonId} className="reason">
            {access.reason}
          </small>
        )}
      </div>
      {traffic.error && !isStaleView(traffic.error) && (
        <ErrorAlert error={traffic.error} onDismiss={traffic.reset} />
      )}

      <CanaryVerdictStatus apiId={stage.apiId} stage={stage.name} />

      <dl className="facts">
        <div>
          <dt>Stage deployment</dt>
          <dd>{describe(deployments, stage.deploymentId)}</dd>
        </div>
        <div>
          <dt>Canary deployment</dt>
          <dd>{describe(deployments, canary.deploymentId)}</dd>
        </div>
        <div>
          <dt>Variable overrides</dt>
          <dd>
            {overrides.length === 0
              ? 'None'
              : overrides.map(([name, value]) => (
                  <code key={name} className="chip">
                    {name}={value}
                  </code>
                ))}
          </dd>
        </div>
        <div>
          <dt>Stage cache</dt>
          <dd>{canary.useStageCache ? 'Shared with the stage' : 'Not used by the canary'}</dd>
        </div>
      </dl>
      <CanarySettingsForm stage={stage} deployments={deployments} access={access} />

      <div className="actions">
        {failing ? (
          <>
            {rollBackButton('button primary')}
            {promoteButton('button danger')}
          </>
        ) : (
          <>
            {promoteButton('button primary')}
            {rollBackButton('button')}
          </>
        )}
      </div>

      <ConfirmDialog
        open={confirming === 'promote'}
        title={`Promote the canary of ${stage.name}?`}
        danger={failing}
        confirmLabel="Promote to 100 %"
        confirmDisabled={failing && overrideReason.trim().length < 3}
        change={promote}
        onClose={() => {
          setConfirming(null);
          setOverrideReason('');
        }}
        onConfirm={() =>
          promote.mutate(failing ? overrideReason.trim() : undefined, {
            onSettled: closeOnceSettled(() => setConfirming(null)),
            onSuccess: () => {
              showToast(`Canary promoted: ${stage.name} now serves ${canary.deploymentId}`);
              focusPageHeading();
            },
          })
        }
      >
        {failing && (
          <div className="callout danger" role="note">
            <p>
              <strong>The canary judge says this canary is failing.</strong> Rolling it back is the safe
              choice. To promote it anyway, say why; the reason goes to the audit log.
            </p>
            <label className="field">
              <span>Reason for promoting a failing canary</span>
              <textarea
                value={overrideReason}
                onChange={(event) => setOverrideReason(event.target.value)}
                rows={2}
                maxLength={500}
                required
              />
            </label>
          </div>
        )}
        <p>This changes the stage {stage.name}:</p>
        <ul className="changes">
          <li>
            Deployment: <del>{describe(deployments, stage.deploymentId)}</del> →{' '}
            <ins>{describe(deployments, canary.deploymentId)}</ins>, serving 100 % of traffic.
          </li>
          {variableChanges.map(([name, value]) => (
            <li key={name}>
              Stage variable <code>{name}</code>: <del>{stage.variables[name] ?? 'unset'}</del> →{' '}
              <ins>{value}</ins>
            </li>
          ))}
          <li>The canary settings ({formatPercent(canary.percentTraffic)} of traffic) are removed.</li>
        </ul>
        <DeploymentDiffView apiId={stage.apiId} from={stage.deploymentId} to={canary.deploymentId} />
      </ConfirmDialog>

      <ConfirmDialog
        open={confirming === 'rollback'}
        title={`Roll back the canary of ${stage.name}?`}
        confirmLabel="Roll back canary"
        change={rollBack}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          rollBack.mutate(undefined, {
            onSettled: closeOnceSettled(() => setConfirming(null)),
            onSuccess: () => {
              showToast(`Canary rolled back: ${stage.name} serves ${stage.deploymentId} only`);
              focusPageHeading();
            },
          })
        }
      >
        <p>This changes the stage {stage.name}:</p>
        <ul className="changes">
          <li>
            The canary on deployment {describe(deployments, canary.deploymentId)}, now taking{' '}
            {formatPercent(canary.percentTraffic)} of traffic, is removed.
          </li>
          <li>
            All traffic goes to deployment {describe(deployments, stage.deploymentId)}. Stage variables stay
            as they are.
          </li>
        </ul>
        <DeploymentDiffView apiId={stage.apiId} from={canary.deploymentId} to={stage.deploymentId} />
      </ConfirmDialog>
    </section>
  );
}
