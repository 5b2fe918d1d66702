import type { Rollout, RolloutControl, Stage } from '@gateway-console/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AccessButton } from '../../../shared/AccessButton.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatDate, formatPercent } from '../../../shared/format.ts';
import { TableHead } from '../../../shared/Table.tsx';
import { VerdictChecks, verdictHeadlines } from '../../canary/index.ts';
import { useAccess } from '../../session/index.ts';
import { stageChanged } from '../../stages/index.ts';
import { stageRolloutsQuery, useRolloutControl } from '../api/rollouts.ts';
import { StartRolloutDialog } from './StartRolloutDialog.tsx';
import './rollouts.css';

const stateLabels: Record<Rollout['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  waiting: 'Waiting for approval',
  promoted: 'Promoted',
  rolled_back: 'Rolled back',
  aborted: 'Aborted',
};
const inProgress = (r: Rollout) => r.state === 'running' || r.state === 'paused' || r.state === 'waiting';

/** Seconds as "4 min 05 s". */
const duration = (seconds: number) =>
  seconds >= 60
    ? `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`
    : `${seconds} s`;

/** The bake time left, counting down between the BFF's answers. */
function useSecondsLeft(rollout: Rollout, fetchedAt: number) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (rollout.bakeSecondsLeft === null) return null;
  if (rollout.state !== 'running') return rollout.bakeSecondsLeft;
  return Math.max(0, rollout.bakeSecondsLeft - Math.floor((now - fetchedAt) / 1000));
}

const controlLabels: Record<RolloutControl, string> = {
  pause: 'Pause rollout',
  resume: 'Resume rollout',
  abort: 'Abort rollout',
  approve: 'Approve rollout',
  skip: 'Skip step',
};
const controlsFor: Record<Rollout['state'], RolloutControl[]> = {
  running: ['pause', 'skip', 'abort'],
  paused: ['resume', 'abort'],
  waiting: ['approve', 'pause', 'abort'],
  promoted: [],
  rolled_back: [],
  aborted: [],
};

function CurrentRollout({ rollout, fetchedAt }: { rollout: Rollout; fetchedAt: number }) {
  const access = useAccess('operator');
  const control = useRolloutControl(rollout);
  const left = useSecondsLeft(rollout, fetchedAt);
  const step = rollout.steps[rollout.step];
  const verdict = rollout.lastVerdict;
  return (
    <div className="rollout-current">
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd className={`rollout-state rollout-${rollout.state}`}>{stateLabels[rollout.state]}</dd>
        </div>
        <div>
          <dt>Step</dt>
          <dd>
            {rollout.step + 1} of {rollout.steps.length}: {step ? formatPercent(step.percentTraffic) : '—'}{' '}
            canary
            {rollout.stepStartedAt ? '' : ' (being applied)'}
          </dd>
        </div>
        <div>
          <dt>Time left in this step</dt>
          <dd>
            {left === null
              ? '—'
              : left === 0 && rollout.state === 'running' && verdict?.verdict === 'inconclusive'
                ? 'Baked; waiting for CloudWatch to publish its last minutes'
                : duration(left)}
          </dd>
        </div>
        <div>
          <dt>Judge</dt>
          <dd>{verdict ? verdict.reason : 'Not judged yet'}</dd>
        </div>
      </dl>
      {rollout.reason && <p className="rollout-reason">{rollout.reason}</p>}
      <ol className="rollout-steps" aria-label="Steps">
        {rollout.steps.map((s, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed plan, their index is their identity
            key={i}
            className={i < rollout.step ? 'done' : i === rollout.step ? 'current' : ''}
            aria-current={i === rollout.step ? 'step' : undefined}
          >
            {formatPercent(s.percentTraffic)} · {duration(s.bakeSeconds)}
          </li>
        ))}
      </ol>
      {verdict && <VerdictChecks verdict={verdict} label="Rollout gates" />}
      <div className="actions">
        {controlsFor[rollout.state].map((name) => (
          <AccessButton
            key={name}
            access={access}
            reasonId={`rollout-${name}-reason`}
            className={name === 'abort' ? 'button danger' : name === 'approve' ? 'button primary' : 'button'}
            disabled={control.isPending}
            onClick={() => control.mutate(name)}
          >
            {controlLabels[name]}
          </AccessButton>
        ))}
      </div>
      {control.error && <ErrorAlert error={control.error} onDismiss={control.reset} />}
    </div>
  );
}

/** The stage's progressive rollout: the current step, its gates, time left, the controls; and the history. */
export function RolloutPanel({ stage }: { stage: Stage }) {
  const access = useAccess('operator');
  const queryClient = useQueryClient();
  const { data, error, dataUpdatedAt } = useQuery(stageRolloutsQuery(stage.apiId, stage.name));
  const [starting, setStarting] = useState(false);
  const current = data?.items.find(inProgress);
  // The runner changes the stage: when the rollout moves on, the stage page reads the stage again.
  const progress = data?.items[0] ? `${data.items[0].id}:${data.items[0].version}` : '';
  useEffect(() => {
    if (progress) void stageChanged(queryClient, stage.apiId, stage.name);
  }, [progress, queryClient, stage.apiId, stage.name]);

  return (
    <section className="card rollout" aria-labelledby="rollout-heading">
      <div className="section-header">
        <h2 id="rollout-heading">Rollout</h2>
        {!current && stage.canary && (
          <AccessButton
            access={access}
            reasonId="start-rollout-reason"
            className="button primary"
            onClick={() => setStarting(true)}
          >
            Start rollout
          </AccessButton>
        )}
      </div>
      {error && <ErrorAlert error={error} />}
      {current ? (
        <CurrentRollout rollout={current} fetchedAt={dataUpdatedAt} />
      ) : (
        <p className="muted">
          {stage.canary
            ? 'No rollout in progress. Start one to move the canary step by step, judged at every step.'
            : 'Start a canary first: a rollout moves an existing canary step by step.'}
        </p>
      )}
      {data && data.items.length > 0 && (
        <details className="rollout-history" open={!current}>
          <summary>History of this stage's rollouts</summary>
          <div className="table-wrap">
            <table className="table compact" aria-label="Rollout history">
              <TableHead columns={['Started', 'By', 'Plan', 'Outcome', 'Last verdict']} />
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(r.createdAt)}</td>
                    <td>{r.startedBy}</td>
                    <td>{r.template ?? r.steps.map((s) => `${s.percentTraffic} %`).join(' → ')}</td>
                    <td>
                      {stateLabels[r.state]}
                      {r.reason && <div className="muted small">{r.reason}</div>}
                    </td>
                    <td>{r.lastVerdict ? verdictHeadlines[r.lastVerdict.verdict] : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {stage.canary && (
        <StartRolloutDialog stage={stage} open={starting} onClose={() => setStarting(false)} />
      )}
    </section>
  );
}
