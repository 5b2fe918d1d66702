import { PutCanaryRequest } from '@gateway-console/contract';
import { useState } from 'react';
import { ConfirmDialog, closeOnceSettled } from '../../../shared/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatDeployment, formatPercent } from '../../../shared/format.ts';
import { isStaleView } from '../../../shared/http.ts';
import { DeploymentDiffView } from '../../deployments/index.ts';
import { rowProblems, rowsOf, VariablesEditor, variablesChange } from '../../stages/index.ts';
import { usePutCanary } from '../api/usePutCanary.ts';
import type { CanaryFormProps } from './StartCanaryForm.tsx';

/**
 * A running canary's settings: the deployment it runs, its stage-variable overrides and whether it uses
 * the stage cache, saved in one If-Match change at the traffic it has. A new deployment shows the diff first.
 */
export function CanarySettingsForm({ stage, deployments, access }: CanaryFormProps) {
  const canary = stage.canary;
  const put = usePutCanary(stage.apiId, stage.name);
  const [deploymentId, setDeploymentId] = useState(canary?.deploymentId ?? '');
  const [rows, setRows] = useState(() => rowsOf(canary?.stageVariableOverrides ?? {}));
  const [useStageCache, setUseStageCache] = useState(canary?.useStageCache ?? false);
  const [confirming, setConfirming] = useState(false);
  // A change saved here or elsewhere (new ETag) resets the form to what the canary now is.
  const [seenEtag, setSeenEtag] = useState(stage.etag);
  if (seenEtag !== stage.etag && canary) {
    setSeenEtag(stage.etag);
    setDeploymentId(canary.deploymentId);
    setRows(rowsOf(canary.stageVariableOverrides));
    setUseStageCache(canary.useStageCache);
  }
  if (!canary) return null;

  const problems = rowProblems(rows);
  const overrides = variablesChange(canary.stageVariableOverrides, rows);
  const request = PutCanaryRequest.safeParse({
    percentTraffic: canary.percentTraffic,
    ...(deploymentId !== canary.deploymentId ? { deploymentId } : {}),
    ...(Object.keys(overrides).length ? { stageVariableOverrides: overrides } : {}),
    ...(useStageCache !== canary.useStageCache ? { useStageCache } : {}),
  });
  const unchanged =
    deploymentId === canary.deploymentId &&
    Object.keys(overrides).length === 0 &&
    useStageCache === canary.useStageCache;
  const save = () => {
    if (!request.success) return;
    put.mutate(
      { request: request.data, seen: stage },
      { onSettled: closeOnceSettled(() => setConfirming(false)) },
    );
  };
  const disabled = !access.allowed;

  return (
    <details className="optional canary-settings">
      <summary>Change canary settings</summary>
      <form
        aria-label="Canary settings"
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (problems.size > 0 || unchanged) return;
          // What the canary's requests run changes: show the difference before it does.
          if (deploymentId !== canary.deploymentId) setConfirming(true);
          else save();
        }}
      >
        <label className="field">
          <span>Canary deployment</span>
          <select value={deploymentId} disabled={disabled} onChange={(e) => setDeploymentId(e.target.value)}>
            {(deployments ?? [])
              .filter((d) => d.id !== stage.deploymentId || d.id === canary.deploymentId)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {formatDeployment(d)}
                </option>
              ))}
          </select>
        </label>
        <fieldset className="stack">
          <legend>Variable overrides</legend>
          <VariablesEditor
            rows={rows}
            problems={problems}
            onChange={setRows}
            disabled={disabled}
            noun="Override"
            empty="No overrides: the canary gets the stage's variables."
          />
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={useStageCache}
            disabled={disabled}
            onChange={(e) => setUseStageCache(e.target.checked)}
          />
          Canary uses the stage cache
        </label>
        {put.error && !confirming && !isStaleView(put.error) ? <ErrorAlert error={put.error} /> : null}
        <div className="row-actions">
          <button
            type="submit"
            className="button primary small"
            disabled={disabled || unchanged || problems.size > 0 || put.isPending}
          >
            {put.isPending ? 'Saving…' : 'Save canary settings'}
          </button>
          {disabled && <small className="reason">{access.reason}</small>}
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={`Run the canary of ${stage.name} on ${deploymentId}?`}
        change={put}
        onClose={() => setConfirming(false)}
        onConfirm={save}
      >
        <p>
          The canary's {formatPercent(canary.percentTraffic)} of traffic moves from deployment{' '}
          {canary.deploymentId} to {deploymentId}; the stage's own traffic stays on {stage.deploymentId}. What
          the canary's requests get:
        </p>
        <DeploymentDiffView apiId={stage.apiId} from={canary.deploymentId} to={deploymentId} />
      </ConfirmDialog>
    </details>
  );
}
