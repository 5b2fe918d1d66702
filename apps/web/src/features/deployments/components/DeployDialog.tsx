import { CreateDeploymentRequest, type Stage } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { AccessButton } from '../../../shared/AccessButton.tsx';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { Dialog } from '../../../shared/Dialog.tsx';
import { DialogActions } from '../../../shared/DialogActions.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { zodFieldErrors } from '../../../shared/fieldErrors.ts';
import { isStaleView } from '../../../shared/http.ts';
import { PercentField } from '../../../shared/NumberField.tsx';
import { Skeleton } from '../../../shared/Skeleton.tsx';
import { useAccess } from '../../session/index.ts';
import { stageDriftQuery, useDeploy } from '../api/releases.ts';
import { DiffLists } from './DeploymentDiffView.tsx';

type Target = 'stage' | 'canary' | 'none';

/** One answer to "Where it goes". */
function TargetChoice({
  value,
  target,
  onChange,
  disabled,
  children,
}: {
  value: Target;
  target: Target;
  onChange: (target: Target) => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input
        type="radio"
        name="deploy-target"
        checked={target === value}
        disabled={disabled}
        onChange={() => onChange(value)}
      />
      {children}
    </label>
  );
}

/**
 * "Deploy": a deployment of the API's current definition (description required), onto one of `stages`,
 * as its canary at a chosen percent, or on its own. What the stage would then run is shown before it does.
 */
export function DeployButton({
  apiId,
  stages,
  label = 'Deploy',
  prominent = true,
}: {
  apiId: string;
  stages: Stage[];
  label?: string;
  /** False beside a page's main action (the API page's Create stage): a plain button of the same size. */
  prominent?: boolean;
}) {
  const access = useAccess('operator');
  const reasonId = useId();
  const deploy = useDeploy(apiId);
  const [open, setOpen] = useState(false);
  const [stageName, setStageName] = useState(stages[0]?.name ?? '');
  const stage = stages.find((s) => s.name === stageName) ?? stages[0];
  // AWS refuses to move a stage with a canary to another deployment: deploy as its canary instead.
  const targetFor = (s: Stage | undefined): Target => (!s ? 'none' : s.canary ? 'canary' : 'stage');
  const [target, setTarget] = useState<Target>(targetFor(stage));
  const [description, setDescription] = useState('');
  const [percent, setPercent] = useState('10');
  const [problem, setProblem] = useState('');
  const drift = useQuery({
    ...stageDriftQuery(apiId, stage?.name ?? '', stage?.deploymentId ?? ''),
    enabled: open && stage !== undefined && target !== 'none',
  });
  const close = () => {
    setOpen(false);
    setProblem('');
    deploy.reset();
  };
  return (
    <>
      <AccessButton
        access={access}
        reasonId={reasonId}
        className={prominent ? 'button primary small' : 'button'}
        onClick={() => {
          setTarget(targetFor(stage));
          setOpen(true);
        }}
      >
        {label}
      </AccessButton>
      <Dialog open={open} title="Deploy the API" onClose={close} wide>
        <CheckedForm
          className="dialog-body stack"
          onSubmit={() => {
            const request = CreateDeploymentRequest.safeParse({
              description: description.trim(),
              ...(target === 'none' || !stage ? {} : { stageName: stage.name }),
              ...(target === 'canary' ? { canary: { percentTraffic: Number(percent) } } : {}),
            });
            const percentProblem = 'Canary traffic must be 0 to 100 %';
            if (!request.success) {
              const fields = zodFieldErrors(request.error);
              return setProblem(
                fields.description ?? (fields.canary ? percentProblem : Object.values(fields)[0]) ?? '',
              );
            }
            if (target === 'canary' && percent.trim() === '') return setProblem(percentProblem);
            setProblem('');
            deploy.mutate(
              { request: request.data, seen: stage },
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
          <p>A new deployment of the API’s current definition.</p>
          <label className="field">
            <span>Description</span>
            <input
              required
              maxLength={1024}
              value={description}
              onChange={(event) => {
                setDescription(event.target.value);
                setProblem('');
              }}
            />
          </label>
          {stages.length > 1 && (
            <label className="field">
              <span>Stage</span>
              <select
                value={stage?.name ?? ''}
                onChange={(event) => {
                  setStageName(event.target.value);
                  if (target !== 'none')
                    setTarget(targetFor(stages.find((s) => s.name === event.target.value)));
                }}
              >
                {stages.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset className="stack">
            <legend>Where it goes</legend>
            {stage && (
              <>
                <TargetChoice
                  value="stage"
                  target={target}
                  onChange={setTarget}
                  disabled={Boolean(stage.canary)}
                >
                  Onto {stage.name}: it serves all of {stage.name}’s traffic at once
                </TargetChoice>
                {stage.canary && (
                  <small className="reason">
                    {stage.name} has a canary: promote or roll it back first, or deploy as its canary.
                  </small>
                )}
                <TargetChoice value="canary" target={target} onChange={setTarget}>
                  As the canary of {stage.name}
                  {stage.canary ? ', replacing the canary it has' : ''}
                </TargetChoice>
                {target === 'canary' && (
                  <PercentField
                    id="deploy-canary-percent"
                    label="Canary traffic (%)"
                    value={percent}
                    onChange={setPercent}
                  />
                )}
              </>
            )}
            <TargetChoice value="none" target={target} onChange={setTarget}>
              On its own: no stage changes
            </TargetChoice>
          </fieldset>
          {stage && target !== 'none' && (
            <section aria-label="What changes" className="stack">
              <p>
                {target === 'stage' ? stage.name : `The canary of ${stage.name}`} then runs, compared with
                what {stage.name} runs now:
              </p>
              {drift.isPending && <Skeleton lines={3} label="Comparing with what the stage runs" />}
              {drift.error && <ErrorAlert error={drift.error} />}
              {drift.data && <DiffLists diff={drift.data} />}
            </section>
          )}
          {problem && <span className="field-error">{problem}</span>}
          {deploy.error && !isStaleView(deploy.error) ? <ErrorAlert error={deploy.error} /> : null}
          <DialogActions onCancel={close} pending={deploy.isPending} />
        </CheckedForm>
      </Dialog>
    </>
  );
}
