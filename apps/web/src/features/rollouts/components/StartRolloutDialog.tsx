import {
  defaultGates,
  type RolloutTemplate,
  rolloutTemplateNames,
  rolloutTemplates,
  type Stage,
  StartRolloutRequest,
} from '@gateway-console/contract';
import { useState } from 'react';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { Dialog } from '../../../shared/Dialog.tsx';
import { DialogActions } from '../../../shared/DialogActions.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isStaleView } from '../../../shared/http.ts';
import { verdictMetricLabels } from '../../canary/index.ts';
import { useStartRollout } from '../api/rollouts.ts';

type Metric = (typeof defaultGates.metrics)[number];

/** The gates' numbers, as typed (confidence in percent). */
const gateFields = [
  { name: 'minRequests', label: 'Minimum requests per side', inputMode: 'numeric' },
  { name: 'confidence', label: 'Confidence (%)', inputMode: 'decimal' },
  { name: 'maxErrorRatio', label: 'Error rate fails at (× base)', inputMode: 'decimal' },
  { name: 'maxLatencyRatio', label: 'Latency fails at (× base)', inputMode: 'decimal' },
] as const;
type GateField = (typeof gateFields)[number]['name'];

/** "10:300, 50:300" → steps; the contract checks them. */
const parseSteps = (text: string) =>
  text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [percent, seconds] = part.split(/[:@\s]+/);
      return { percentTraffic: Number(percent), bakeSeconds: Number(seconds) };
    });

const describeSteps = (template: RolloutTemplate) =>
  rolloutTemplates[template].steps
    .map((s) => `${s.percentTraffic} % for ${s.bakeSeconds / 60} min`)
    .join(' → ');

/** Starts a rollout: a template or custom steps, the gates with the judge's defaults, what to do at the end. */
export function StartRolloutDialog({
  stage,
  open,
  onClose,
}: {
  stage: Stage;
  open: boolean;
  onClose: () => void;
}) {
  const start = useStartRollout(stage);
  const [plan, setPlan] = useState<RolloutTemplate | 'custom'>('Canary10Percent5Minutes');
  const [custom, setCustom] = useState('10:300, 50:300, 100:300');
  const [metrics, setMetrics] = useState<Metric[]>(defaultGates.metrics);
  const [gates, setGates] = useState<Record<GateField, string>>({
    minRequests: String(defaultGates.minRequests),
    confidence: String(defaultGates.confidence * 100),
    maxErrorRatio: String(defaultGates.maxErrorRatio),
    maxLatencyRatio: String(defaultGates.maxLatencyRatio),
  });
  const [onFailure, setOnFailure] = useState<'rollback' | 'pause'>('rollback');
  const [onSuccess, setOnSuccess] = useState<'promote' | 'wait'>('promote');
  const [invalid, setInvalid] = useState('');

  const close = () => {
    setInvalid('');
    start.reset();
    onClose();
  };
  const submit = () => {
    const request = StartRolloutRequest.safeParse({
      ...(plan === 'custom' ? { steps: parseSteps(custom) } : { template: plan }),
      gates: {
        metrics,
        minRequests: Number(gates.minRequests),
        confidence: Number(gates.confidence) / 100,
        maxErrorRatio: Number(gates.maxErrorRatio),
        maxLatencyRatio: Number(gates.maxLatencyRatio),
      },
      onFailure,
      onSuccess,
    });
    if (!request.success) {
      const issue = request.error.issues[0];
      return setInvalid(`${issue?.path.join('.') || 'plan'}: ${issue?.message ?? 'invalid'}`);
    }
    setInvalid('');
    start.mutate(request.data, { onSuccess: close, onError: (e) => (isStaleView(e) ? close() : undefined) });
  };

  return (
    <Dialog open={open} title={`Start a rollout of ${stage.name}'s canary`} onClose={close} wide>
      <CheckedForm className="dialog-body form rollout-form" onSubmit={submit}>
        <label className="field">
          <span>Plan</span>
          <select value={plan} onChange={(e) => setPlan(e.target.value as RolloutTemplate | 'custom')}>
            {rolloutTemplateNames.map((name) => (
              <option key={name} value={name}>
                {name} — {rolloutTemplates[name].label}
              </option>
            ))}
            <option value="custom">Custom steps</option>
          </select>
        </label>
        {plan === 'custom' ? (
          <label className="field">
            <span>Steps (percent:seconds, comma-separated)</span>
            <input value={custom} onChange={(e) => setCustom(e.target.value)} />
          </label>
        ) : (
          <p className="muted">
            {describeSteps(plan)}, then {onSuccess === 'promote' ? 'promote' : 'wait for approval'}.
          </p>
        )}
        <fieldset className="gates">
          <legend>Gates (the judge's defaults)</legend>
          <div className="checks-row">
            {defaultGates.metrics.map((metric) => (
              <label key={metric} className="field inline">
                <input
                  type="checkbox"
                  checked={metrics.includes(metric)}
                  onChange={(e) =>
                    setMetrics(e.target.checked ? [...metrics, metric] : metrics.filter((m) => m !== metric))
                  }
                />
                <span>{verdictMetricLabels[metric]}</span>
              </label>
            ))}
          </div>
          <div className="gate-fields">
            {gateFields.map(({ name, label, inputMode }) => (
              <label key={name} className="field">
                <span>{label}</span>
                <input
                  inputMode={inputMode}
                  value={gates[name]}
                  onChange={(e) => setGates({ ...gates, [name]: e.target.value })}
                />
              </label>
            ))}
          </div>
        </fieldset>
        <div className="gate-fields">
          <label className="field">
            <span>On failure</span>
            <select value={onFailure} onChange={(e) => setOnFailure(e.target.value as 'rollback' | 'pause')}>
              <option value="rollback">Roll back the canary</option>
              <option value="pause">Pause for a person</option>
            </select>
          </label>
          <label className="field">
            <span>On success</span>
            <select value={onSuccess} onChange={(e) => setOnSuccess(e.target.value as 'promote' | 'wait')}>
              <option value="promote">Promote to 100 %</option>
              <option value="wait">Wait for approval</option>
            </select>
          </label>
        </div>
        {invalid && (
          <p className="field-error" role="alert">
            {invalid}
          </p>
        )}
        {start.error && !isStaleView(start.error) ? <ErrorAlert error={start.error} /> : null}
        <DialogActions onCancel={close} label="Start" pendingLabel="Starting…" pending={start.isPending} />
      </CheckedForm>
    </Dialog>
  );
}
