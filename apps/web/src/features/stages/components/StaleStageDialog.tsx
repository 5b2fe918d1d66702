import type { Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from '../../../shared/Dialog.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatDate, formatPercent } from '../../../shared/format.ts';
import { TableHead } from '../../../shared/Table.tsx';
import { showToast } from '../../../shared/toast.ts';
import { stageChanged } from '../api/keys.ts';
import { useStaleView } from '../api/staleView.ts';
import { cacheSummary, throttlingSummary } from './stageSummary.ts';

const canaryText = (stage: Stage) =>
  stage.canary ? `${formatPercent(stage.canary.percentTraffic)} on ${stage.canary.deploymentId}` : 'none';

const variablesText = (stage: Stage) =>
  Object.entries(stage.variables)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ') || 'none';

/** What differs between the stage the operator saw and the stage as it is now, field by field. */
export function stageDifferences(
  seen: Stage,
  current: Stage,
): { field: string; before: string; after: string }[] {
  const fields: [string, (s: Stage) => string][] = [
    ['Deployment', (s) => s.deploymentId],
    ['Canary', canaryText],
    ['Cache', cacheSummary],
    ['Throttling', throttlingSummary],
    ['Stage variables', variablesText],
    ['Description', (s) => s.description || '—'],
  ];
  return fields
    .map(([field, read]) => ({ field, before: read(seen), after: read(current) }))
    .filter(({ before, after }) => before !== after);
}

/** Shown when the BFF refused a change with 412: someone changed the stage since this page loaded it. */
export function StaleStageDialog() {
  const stale = useStaleView((s) => s.stale);
  const dismiss = useStaleView((s) => s.dismiss);
  const queryClient = useQueryClient();
  const reapply = useMutation({
    mutationFn: ({ run, current }: { run: (current: Stage) => Promise<unknown>; current: Stage }) =>
      run(current),
  });
  const differences = stale?.current ? stageDifferences(stale.seen, stale.current) : [];
  const keepTheirs = () => {
    // Their version is shown at once (from the 412); the refetch that confirms it runs behind.
    if (stale) void stageChanged(queryClient, stale.seen.apiId, stale.seen.name, stale.current);
    reapply.reset();
    dismiss();
  };
  return (
    <Dialog open={stale !== null} title="This stage changed since you loaded it" onClose={keepTheirs}>
      {stale && (
        <>
          <p>
            Your change was <strong>not applied</strong>: {stale.seen.name} was changed
            {stale.current ? ` at ${formatDate(stale.current.lastUpdatedDate)}` : ''} by someone else. Review
            what changed
            {stale.reapply
              ? `, then keep their version or send ${stale.reapply.what} on top of it`
              : ', then try again'}
            .
          </p>
          {differences.length > 0 ? (
            <table className="table compact" aria-label="What changed">
              <TableHead columns={['Setting', 'You saw', 'Now']} />
              <tbody>
                {differences.map((d) => (
                  <tr key={d.field}>
                    <th scope="row">{d.field}</th>
                    <td>
                      <del>{d.before}</del>
                    </td>
                    <td>
                      <ins>{d.after}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">
              The settings shown here look the same; another field of the stage changed.
            </p>
          )}
          {reapply.error ? <ErrorAlert error={reapply.error} /> : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={keepTheirs}>
              {stale.reapply ? 'Keep theirs' : 'Reload'}
            </button>
            {stale.reapply && stale.current && (
              <button
                type="button"
                className="button primary"
                disabled={reapply.isPending}
                onClick={() => {
                  const { reapply: mine, current, seen } = stale;
                  if (!mine || !current) return;
                  reapply.mutate(
                    { run: mine.run, current },
                    {
                      onSuccess: () => {
                        showToast(`Re-applied ${mine.what} on top of the current ${seen.name}`);
                        reapply.reset();
                        dismiss();
                      },
                    },
                  );
                }}
              >
                {reapply.isPending ? 'Applying…' : 'Re-apply my change on top'}
              </button>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
