import {
  type CacheClusterSize,
  CacheTtlSeconds,
  type Stage,
  stageLimits,
  UpdateStageRequest,
} from '@gateway-console/contract';
import { useState } from 'react';
import { ActionReason } from '../../../shared/ActionReason.tsx';
import { CacheSizeField } from '../../../shared/CacheSizeField.tsx';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { ConfirmDialog, closeOnceSettled } from '../../../shared/ConfirmDialog.tsx';
import { NumberField } from '../../../shared/NumberField.tsx';
import { showToast } from '../../../shared/toast.ts';
import { useAccess } from '../../session/index.ts';
import { useFlushStageCache } from '../api/useFlushStageCache.ts';
import { useUpdateStage } from '../api/useUpdateStage.ts';
import { SaveActions } from './SaveActions.tsx';
import { stageDefaults } from './stageSummary.ts';

const { default: DEFAULT_TTL, min: MIN_TTL, max: MAX_TTL } = stageLimits.cacheTtlSeconds;

/** Whole seconds in the range API Gateway accepts for a cache TTL: the contract's words when not. */
export const ttlProblem = (text: string): string | undefined =>
  text.trim() !== '' && CacheTtlSeconds.safeParse(Number(text)).success
    ? undefined
    : stageLimits.cacheTtlSeconds.message;

function CacheSettingsForm({
  stage,
  disabled,
  onSaved,
}: {
  stage: Stage;
  disabled: boolean;
  onSaved: () => void;
}) {
  const update = useUpdateStage(stage);
  const defaults = stageDefaults(stage);
  const [enabled, setEnabled] = useState(stage.cacheClusterEnabled);
  const [size, setSize] = useState<CacheClusterSize>(stage.cacheClusterSize ?? '0.5');
  const [caching, setCaching] = useState(defaults?.cachingEnabled ?? stage.cacheClusterEnabled);
  const [ttl, setTtl] = useState(String(defaults?.cacheTtlInSeconds ?? DEFAULT_TTL));
  const [encrypted, setEncrypted] = useState(defaults?.cacheDataEncrypted ?? false);
  const [ttlError, setTtlError] = useState<string | undefined>();

  return (
    <CheckedForm
      className="form"
      aria-label="Cache settings"
      onSubmit={() => {
        const problem = ttlProblem(ttl);
        setTtlError(problem);
        if (problem) return;
        const request = UpdateStageRequest.parse({
          cacheClusterEnabled: enabled,
          ...(enabled ? { cacheClusterSize: size } : {}),
          methodSettings: {
            '*/*': {
              cachingEnabled: enabled && caching,
              cacheTtlInSeconds: Number(ttl),
              cacheDataEncrypted: encrypted,
            },
          },
        });
        // The form remounts with the new ETag before mutate's own callbacks could run: wait on the promise.
        update.mutateAsync(request).then(onSaved, () => {
          // Shown through the mutation's error state.
        });
      }}
    >
      <fieldset disabled={disabled} className="grid-fields">
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Provision a stage cache
        </label>
        <CacheSizeField value={size} disabled={!enabled} onChange={setSize} />
        <NumberField
          id="cache-ttl"
          label="Cache TTL (seconds)"
          min={MIN_TTL}
          max={MAX_TTL}
          step={1}
          value={ttl}
          onChange={setTtl}
          error={ttlError}
          hint={`${MIN_TTL}–${MAX_TTL}; responses older than this are fetched again.`}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={caching}
            disabled={!enabled}
            onChange={(e) => setCaching(e.target.checked)}
          />
          Cache responses of every method
        </label>
        <label className="check">
          <input type="checkbox" checked={encrypted} onChange={(e) => setEncrypted(e.target.checked)} />
          Encrypt cached data
        </label>
      </fieldset>
      <SaveActions update={update} disabled={disabled} label="Save cache settings" />
    </CheckedForm>
  );
}

/** The stage cache: its settings, and flushing it. */
export function CachePanel({ stage }: { stage: Stage }) {
  const access = useAccess('operator');
  const flush = useFlushStageCache(stage);
  const [confirming, setConfirming] = useState(false);
  const [flushed, setFlushed] = useState(false);
  // Kept here: the form remounts with the saved stage's fresh ETag, and the confirmation must outlive it.
  const [saved, setSaved] = useState(false);
  const flushReason = !access.allowed
    ? access.reason
    : stage.cacheClusterEnabled
      ? ''
      : 'caching is off for this stage';
  return (
    <section className="card" aria-labelledby="cache-heading">
      <div className="section-header">
        <h2 id="cache-heading">Cache</h2>
        <ActionReason id="flush-reason" reason={flushReason}>
          <button
            type="button"
            className="button"
            disabled={flushReason !== ''}
            aria-describedby={flushReason ? 'flush-reason' : undefined}
            onClick={() => {
              setFlushed(false);
              setConfirming(true);
            }}
          >
            Flush cache
          </button>
        </ActionReason>
      </div>
      {flushed && (
        <p role="status" className="applied">
          ✓ Cache flushed: the next requests go to the integration.
        </p>
      )}
      {!access.allowed && <p className="reason">Settings are read-only: {access.reason}.</p>}
      <CacheSettingsForm
        key={stage.etag}
        stage={stage}
        disabled={!access.allowed}
        onSaved={() => {
          setSaved(true);
          showToast(`Cache settings of ${stage.name} saved`);
        }}
      />
      {saved && (
        <p role="status" className="applied">
          ✓ Cache settings saved
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Flush the cache of ${stage.name}?`}
        danger
        change={flush}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          flush.mutate(undefined, {
            onSuccess: () => {
              setFlushed(true);
              showToast(`Cache of ${stage.name} flushed`);
            },
            onSettled: closeOnceSettled(() => setConfirming(false)),
          })
        }
      >
        <ul className="changes">
          <li>
            Every cached response in the {stage.cacheClusterSize ?? ''} GB cache of {stage.name} is deleted.
          </li>
          <li>
            Until it fills again, requests go to the integration: expect higher latency and backend load for
            up to the TTL ({stageDefaults(stage)?.cacheTtlInSeconds ?? DEFAULT_TTL} s).
          </li>
          <li>Settings, deployment and canary do not change.</li>
        </ul>
      </ConfirmDialog>
    </section>
  );
}
