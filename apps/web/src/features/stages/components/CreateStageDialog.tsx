import { type CacheClusterSize, CreateStageRequest, type DeploymentList } from '@gateway-console/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { AccessButton } from '../../../shared/AccessButton.tsx';
import { CacheSizeField } from '../../../shared/CacheSizeField.tsx';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { Dialog } from '../../../shared/Dialog.tsx';
import { DialogActions } from '../../../shared/DialogActions.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { Field, FieldError } from '../../../shared/Field.tsx';
import { useFieldErrors, zodFieldErrors } from '../../../shared/fieldErrors.ts';
import { formatDeployment } from '../../../shared/format.ts';
import { useAccess } from '../../session/index.ts';
import { useCreateStage } from '../api/useCreateStage.ts';
import { VariablesEditor } from './VariablesEditor.tsx';
import { rowProblems, type VariableRow, variablesOf } from './variableRows.ts';

// The deployments to offer come from the page, which composes this feature with the deployments one.
type DeploymentsQuery = UseQueryResult<DeploymentList>;

function CreateStageForm({
  apiId,
  deployments,
  onDone,
}: {
  apiId: string;
  deployments: DeploymentsQuery;
  onDone: () => void;
}) {
  const create = useCreateStage(apiId);
  const [name, setName] = useState('');
  const [deploymentId, setDeploymentId] = useState('');
  const [description, setDescription] = useState('');
  const [variableRows, setVariableRows] = useState<VariableRow[]>([]);
  const [cacheEnabled, setCacheEnabled] = useState(false);
  const [cacheSize, setCacheSize] = useState<CacheClusterSize>('0.5');
  const variableProblems = rowProblems(variableRows);
  const chosen = deploymentId || deployments.data?.items[0]?.id || '';
  const { errors, setClientErrors } = useFieldErrors(create.error);

  return (
    <CheckedForm
      className="form"
      onSubmit={() => {
        // Each row's problem shows beside it; the form waits until there is none.
        if (variableProblems.size > 0) return;
        const parsedVariables = variablesOf(variableRows);
        const request = CreateStageRequest.safeParse({
          name,
          deploymentId: chosen,
          ...(description ? { description } : {}),
          ...(Object.keys(parsedVariables).length ? { variables: parsedVariables } : {}),
          ...(cacheEnabled ? { cacheClusterEnabled: true, cacheClusterSize: cacheSize } : {}),
        });
        if (!name) {
          setClientErrors({ name: 'A stage needs a name' });
          return;
        }
        if (!request.success) {
          setClientErrors(zodFieldErrors(request.error));
          return;
        }
        setClientErrors({});
        create.mutate(request.data, {
          onSuccess: onDone,
        });
      }}
    >
      <Field
        label="Stage name"
        hint={'Letters, digits, "_" and "-". It becomes part of the invoke URL.'}
        error={errors.name}
        errorId="create-stage-name-error"
      >
        {(described) => (
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={128} {...described} />
        )}
      </Field>
      <Field label="Deployment" error={errors.deploymentId} errorId="create-stage-deploymentId-error">
        {(described) => (
          <select value={chosen} onChange={(e) => setDeploymentId(e.target.value)} {...described}>
            {deployments.isPending && <option value="">Loading deployments…</option>}
            {deployments.data?.items.map((d) => (
              <option key={d.id} value={d.id}>
                {formatDeployment(d)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {deployments.error && <ErrorAlert error={deployments.error} />}
      <Field label="Description" error={errors.description} errorId="create-stage-description-error">
        {(described) => (
          <input value={description} onChange={(e) => setDescription(e.target.value)} {...described} />
        )}
      </Field>
      <details className="optional">
        <summary>Stage variables and cache (optional)</summary>
        <fieldset className="stack">
          <legend>Stage variables</legend>
          <VariablesEditor
            rows={variableRows}
            problems={variableProblems}
            onChange={setVariableRows}
            disabled={false}
          />
          <FieldError id="create-stage-variables-error" message={errors.variables} />
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={cacheEnabled} onChange={(e) => setCacheEnabled(e.target.checked)} />
          Provision a stage cache
        </label>
        <CacheSizeField
          value={cacheSize}
          disabled={!cacheEnabled}
          onChange={setCacheSize}
          error={errors.cacheClusterSize}
          errorId="create-stage-cacheClusterSize-error"
        />
      </details>
      {create.error && <ErrorAlert error={create.error} />}
      <DialogActions onCancel={onDone} label="Create" pendingLabel="Creating…" pending={create.isPending} />
    </CheckedForm>
  );
}

/** The "Create stage" button and its dialog; disabled with the reason for a viewer. */
export function CreateStageButton({ apiId, deployments }: { apiId: string; deployments: DeploymentsQuery }) {
  const [open, setOpen] = useState(false);
  const access = useAccess('operator');
  return (
    <>
      <AccessButton
        access={access}
        reasonId="create-stage-reason"
        className="button primary"
        onClick={() => setOpen(true)}
      >
        Create stage
      </AccessButton>
      <Dialog open={open} title="Create stage" onClose={() => setOpen(false)}>
        <CreateStageForm apiId={apiId} deployments={deployments} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
