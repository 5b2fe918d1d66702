import { type Deployment, PutCanaryRequest, type Stage } from '@gateway-console/contract';
import { useState } from 'react';
import { AccessButton } from '../../../shared/AccessButton.tsx';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { zodFieldErrors } from '../../../shared/fieldErrors.ts';
import { formatDeployment } from '../../../shared/format.ts';
import { isStaleView } from '../../../shared/http.ts';
import { PercentField } from '../../../shared/NumberField.tsx';
import { parseVariables } from '../../../shared/variables.ts';
import { DeploymentDiffView } from '../../deployments/index.ts';
import type { Access } from '../../session/index.ts';
import { usePutCanary } from '../api/usePutCanary.ts';

/** What the canary panel's forms work on: the stage, the API's deployments, and whether the operator may act. */
export interface CanaryFormProps {
  stage: Stage;
  deployments: Deployment[] | undefined;
  access: Access;
}

/** Starts a canary on a deployment other than the one the stage serves. */
export function StartCanaryForm({ stage, deployments, access }: CanaryFormProps) {
  const candidates = (deployments ?? []).filter((d) => d.id !== stage.deploymentId);
  const put = usePutCanary(stage.apiId, stage.name);
  const [deploymentId, setDeploymentId] = useState('');
  const [percent, setPercent] = useState('10');
  const [overrides, setOverrides] = useState('');
  const [error, setError] = useState('');
  // Compared only when asked for: each comparison reads both deployments from AWS.
  const [comparing, setComparing] = useState(false);
  const chosen = deploymentId || candidates[0]?.id || '';
  const disabled = !access.allowed || candidates.length === 0;

  return (
    <CheckedForm
      className="form inline-form"
      onSubmit={() => {
        const variables = parseVariables(overrides.replaceAll(',', '\n'));
        if (typeof variables === 'string') return setError(variables);
        const request = PutCanaryRequest.safeParse({
          percentTraffic: Number(percent),
          deploymentId: chosen,
          ...(Object.keys(variables).length ? { stageVariableOverrides: variables } : {}),
        });
        if (!request.success || percent.trim() === '') {
          const fields = request.success ? {} : zodFieldErrors(request.error);
          return setError(
            fields.percentTraffic
              ? 'Initial traffic must be 0 to 100 %'
              : (Object.values(fields)[0] ?? 'Initial traffic must be 0 to 100 %'),
          );
        }
        setError('');
        put.mutate({ request: request.data, seen: stage });
      }}
    >
      <label className="field">
        <span>Canary deployment</span>
        <select value={chosen} disabled={disabled} onChange={(e) => setDeploymentId(e.target.value)}>
          {candidates.length === 0 && <option value="">No other deployment to try</option>}
          {candidates.map((d) => (
            <option key={d.id} value={d.id}>
              {formatDeployment(d)}
            </option>
          ))}
        </select>
      </label>
      <PercentField
        id="start-canary-percent"
        label="Initial traffic (%)"
        value={percent}
        disabled={disabled}
        onChange={setPercent}
      />
      <label className="field grow">
        <span>Variable overrides</span>
        <input
          placeholder="version=v2"
          value={overrides}
          disabled={disabled}
          onChange={(e) => setOverrides(e.target.value)}
        />
      </label>
      <AccessButton
        access={access}
        reasonId="start-canary-reason"
        type="submit"
        className="button primary"
        disabled={disabled || put.isPending}
      >
        {put.isPending ? 'Starting…' : 'Start canary'}
      </AccessButton>
      {chosen && (
        <details className="optional full" onToggle={(event) => setComparing(event.currentTarget.open)}>
          <summary>What the canary runs that {stage.name} does not</summary>
          {comparing && <DeploymentDiffView apiId={stage.apiId} from={stage.deploymentId} to={chosen} />}
        </details>
      )}
      {error && <span className="field-error full">{error}</span>}
      {put.error && !isStaleView(put.error) && (
        <div className="full">
          <ErrorAlert error={put.error} />
        </div>
      )}
    </CheckedForm>
  );
}
