import {
  type ApiDetail,
  type MethodSettingPatch,
  methodSettingsKey,
  type Stage,
  stageLimits,
  ThrottlingBurst,
  ThrottlingRate,
  UpdateStageRequest,
} from '@gateway-console/contract';
import { useState } from 'react';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { zodFieldErrors } from '../../../shared/fieldErrors.ts';
import { NumberField } from '../../../shared/NumberField.tsx';
import { TableHead } from '../../../shared/Table.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { useAccess } from '../../session/index.ts';
import { useUpdateStage } from '../api/useUpdateStage.ts';
import { ttlProblem } from './CachePanel.tsx';
import { SaveActions } from './SaveActions.tsx';
import { stageDefaults } from './stageSummary.ts';

const contractKey = (path: string, method: string) => `${path}/${method}`;

/** Failures show through the mutation's error state. */
const ignore = () => {};

const numberOrBlank = (value: number | undefined) => (value === undefined || value < 0 ? '' : String(value));

function StageThrottlingForm({
  stage,
  disabled,
  onSaved,
}: {
  stage: Stage;
  disabled: boolean;
  onSaved: (what: string) => void;
}) {
  const update = useUpdateStage(stage);
  const defaults = stageDefaults(stage);
  const [rate, setRate] = useState(numberOrBlank(defaults?.throttlingRateLimit));
  const [burst, setBurst] = useState(numberOrBlank(defaults?.throttlingBurstLimit));
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <CheckedForm
      className="form"
      aria-label="Stage throttling"
      onSubmit={() => {
        const patch = { throttlingRateLimit: Number(rate), throttlingBurstLimit: Number(burst) };
        const request = UpdateStageRequest.safeParse({ methodSettings: { '*/*': patch } });
        const problems: Record<string, string> = {};
        if (rate.trim() === '' || !ThrottlingRate.safeParse(patch.throttlingRateLimit).success)
          problems.rate = stageLimits.throttlingRate.message;
        if (burst.trim() === '' || !ThrottlingBurst.safeParse(patch.throttlingBurstLimit).success)
          problems.burst = stageLimits.throttlingBurst.message;
        if (!request.success && Object.keys(problems).length === 0)
          Object.assign(problems, zodFieldErrors(request.error));
        setErrors(problems);
        if (Object.keys(problems).length > 0 || !request.success) return;
        // The form remounts with the new ETag before mutate's own callbacks could run: wait on the promise.
        update.mutateAsync(request.data).then(() => onSaved('Throttling saved'), ignore);
      }}
    >
      <fieldset disabled={disabled} className="grid-fields">
        <NumberField
          id="stage-throttling-rate"
          label="Rate (requests per second)"
          min={stageLimits.throttlingRate.min}
          max={stageLimits.throttlingRate.max}
          step="any"
          value={rate}
          onChange={setRate}
          error={errors.rate}
        />
        <NumberField
          id="stage-throttling-burst"
          label="Burst (requests)"
          min={stageLimits.throttlingBurst.min}
          max={stageLimits.throttlingBurst.max}
          step={1}
          value={burst}
          onChange={setBurst}
          error={errors.burst}
        />
      </fieldset>
      <SaveActions update={update} disabled={disabled} label="Save throttling" />
    </CheckedForm>
  );
}

interface Row {
  key: string;
  label: string;
  caching: '' | 'on' | 'off';
  ttl: string;
  rate: string;
  burst: string;
}

function MethodOverridesForm({
  stage,
  api,
  disabled,
  onSaved,
}: {
  stage: Stage;
  api: ApiDetail;
  disabled: boolean;
  onSaved: (what: string) => void;
}) {
  const update = useUpdateStage(stage);
  const initial: Row[] = api.resources.flatMap((resource) =>
    resource.methods.map((method) => {
      const existing = stage.methodSettings[methodSettingsKey(resource.path, method.httpMethod)];
      return {
        key: contractKey(resource.path, method.httpMethod),
        label: `${method.httpMethod} ${resource.path}`,
        caching: existing ? (existing.cachingEnabled ? 'on' : 'off') : '',
        ttl: existing ? String(existing.cacheTtlInSeconds) : '',
        rate: existing ? numberOrBlank(existing.throttlingRateLimit) : '',
        burst: existing ? numberOrBlank(existing.throttlingBurstLimit) : '',
      } satisfies Row;
    }),
  );
  const [rows, setRows] = useState(initial);
  const [error, setError] = useState('');
  const edit = (key: string, change: Partial<Row>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const defaults = stageDefaults(stage);
  // Blank cells take the stage's value, shown as their placeholder.
  const numberColumns = [
    { field: 'ttl', name: 'TTL', placeholder: String(defaults?.cacheTtlInSeconds ?? DEFAULT_TTL_LABEL) },
    { field: 'rate', name: 'Rate', placeholder: numberOrBlank(defaults?.throttlingRateLimit) || 'default' },
    {
      field: 'burst',
      name: 'Burst',
      placeholder: numberOrBlank(defaults?.throttlingBurstLimit) || 'default',
    },
  ] as const;

  return (
    <CheckedForm
      className="form"
      aria-label="Per-method overrides"
      onSubmit={() => {
        const methodSettings: Record<string, MethodSettingPatch> = {};
        for (const row of rows) {
          const before = initial.find((r) => r.key === row.key);
          if (JSON.stringify(before) === JSON.stringify(row)) continue;
          if (row.ttl && ttlProblem(row.ttl)) return setError(`${row.label}: ${ttlProblem(row.ttl)}`);
          methodSettings[row.key] = {
            ...(row.caching ? { cachingEnabled: row.caching === 'on' } : {}),
            ...(row.ttl ? { cacheTtlInSeconds: Number(row.ttl) } : {}),
            ...(row.rate ? { throttlingRateLimit: Number(row.rate) } : {}),
            ...(row.burst ? { throttlingBurstLimit: Number(row.burst) } : {}),
          };
        }
        const request = UpdateStageRequest.safeParse({ methodSettings });
        if (!request.success) return setError(request.error.issues[0]?.message ?? 'Invalid override');
        if (Object.keys(methodSettings).length === 0) return setError('Nothing changed');
        setError('');
        update.mutateAsync(request.data).then(() => onSaved('Method overrides saved'), ignore);
      }}
    >
      <TableScroll label="Method overrides">
        <table className="table compact" aria-label="Method overrides">
          <TableHead columns={['Method', 'Caching', 'TTL (s)', 'Rate (req/s)', 'Burst']} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="mono">
                  {row.label}
                </th>
                <td>
                  <select
                    aria-label={`Caching for ${row.label}`}
                    disabled={disabled}
                    value={row.caching}
                    onChange={(e) => edit(row.key, { caching: e.target.value as Row['caching'] })}
                  >
                    <option value="">Stage default</option>
                    <option value="on">On</option>
                    <option value="off">Off</option>
                  </select>
                </td>
                {numberColumns.map(({ field, name, placeholder }) => (
                  <td key={field}>
                    <input
                      type="number"
                      aria-label={`${name} for ${row.label}`}
                      disabled={disabled}
                      placeholder={placeholder}
                      value={row[field]}
                      onChange={(e) => edit(row.key, { [field]: e.target.value })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {error && <span className="field-error">{error}</span>}
      <SaveActions update={update} disabled={disabled} label="Save method overrides" primary={false} />
    </CheckedForm>
  );
}

const DEFAULT_TTL_LABEL = 300;

/** Stage-wide throttling and per-method overrides of caching and throttling. */
export function ThrottlingPanel({ stage, api }: { stage: Stage; api: ApiDetail | undefined }) {
  const access = useAccess('operator');
  // Kept here: the forms remount with the saved stage's fresh ETag, and the confirmation must outlive them.
  const [saved, setSaved] = useState('');
  return (
    <section className="card" aria-labelledby="throttling-heading">
      <h2 id="throttling-heading">Throttling</h2>
      <p className="muted">
        Requests above the rate, after the burst is used up, get 429 Too Many Requests. The stage's rate and
        burst are set together. A blank method override follows the stage's value, or the account's default
        where the stage has none.
      </p>
      {!access.allowed && <p className="reason">Settings are read-only: {access.reason}.</p>}
      <StageThrottlingForm
        key={`stage-${stage.etag}`}
        stage={stage}
        disabled={!access.allowed}
        onSaved={setSaved}
      />
      <h3>Per-method overrides</h3>
      {api ? (
        <MethodOverridesForm
          key={stage.etag}
          stage={stage}
          api={api}
          disabled={!access.allowed}
          onSaved={setSaved}
        />
      ) : (
        <p className="muted">Loading the API's methods…</p>
      )}
      {saved && (
        <p role="status" className="applied">
          ✓ {saved}
        </p>
      )}
    </section>
  );
}
