import type { Deployment, Stage } from '@gateway-console/contract';
import { useState } from 'react';
import { ConfirmDialog, closeOnceSettled } from '../../../shared/ConfirmDialog.tsx';
import { Dialog } from '../../../shared/Dialog.tsx';
import { formatAgo, formatDate } from '../../../shared/format.ts';
import { SkeletonRows } from '../../../shared/Skeleton.tsx';
import { EmptyRow, TableHead } from '../../../shared/Table.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { SpacerRow, useVirtualRows } from '../../../shared/VirtualRows.tsx';
import { useAccess } from '../../session/index.ts';
import { useRollBackStage } from '../api/useRollBackStage.ts';
import { DeploymentDiffView } from './DeploymentDiffView.tsx';

/** A row's height before it is measured (id + description lines). */
const ROW_ESTIMATE_PX = 62;

const label = (d: Deployment | undefined, id: string) => (d?.description ? `${id} (${d.description})` : id);

/** The API's deployments, newest first: compare any with what the stage runs, switch the stage to it. */
export function DeploymentsTable({
  stage,
  deployments,
}: {
  stage: Stage;
  deployments: Deployment[] | undefined;
}) {
  const access = useAccess('operator');
  const rollBack = useRollBackStage(stage);
  const [target, setTarget] = useState<Deployment | null>(null);
  const [compared, setCompared] = useState<Deployment | null>(null);
  // AWS refuses to move a stage with a canary to another deployment: the canary must end first.
  const reason = access.reason || (stage.canary ? 'Promote or roll back the canary first.' : '');
  const current = deployments?.find((d) => d.id === stage.deploymentId);
  // An API may have hundreds of deployments: only the rows on screen are drawn.
  const rows = deployments ?? [];
  const { bodyRef, items, measureElement, before, after } = useVirtualRows(
    rows.length,
    (index) => rows[index]?.id ?? String(index),
    ROW_ESTIMATE_PX,
  );
  return (
    <>
      <TableScroll label="Deployments">
        <table className="table" aria-label="Deployments" aria-busy={!deployments}>
          <TableHead columns={['Deployment', 'Created', 'On this stage']} actions />
          <tbody ref={bodyRef}>
            {!deployments && <SkeletonRows columns={4} />}
            {deployments?.length === 0 && <EmptyRow columns={4}>No deployments yet.</EmptyRow>}
            <SpacerRow height={before} columns={4} />
            {items.map((item) => {
              const deployment = rows[item.index];
              if (!deployment) return null;
              const earlier = current !== undefined && deployment.createdDate < current.createdDate;
              return (
                <tr key={item.key} data-index={item.index} ref={measureElement}>
                  <td>
                    <span className="mono">{deployment.id}</span>
                    <div>{deployment.description || <span className="muted">No description</span>}</div>
                  </td>
                  <td>
                    <time dateTime={deployment.createdDate} title={formatDate(deployment.createdDate)}>
                      {formatAgo(deployment.createdDate)}
                    </time>
                  </td>
                  <td>
                    {deployment.id === stage.deploymentId && (
                      <span className="badge badge-base">Serving</span>
                    )}{' '}
                    {deployment.id === stage.canary?.deploymentId && (
                      <span className="badge badge-canary">Canary</span>
                    )}
                  </td>
                  <td className="num">
                    {deployment.id !== stage.deploymentId && (
                      <span className="action-with-reason">
                        <span className="row-actions">
                          <button
                            type="button"
                            className="button small"
                            onClick={() => setCompared(deployment)}
                          >
                            Compare
                          </button>
                          <button
                            type="button"
                            className="button small"
                            disabled={Boolean(reason)}
                            title={reason || undefined}
                            onClick={() => setTarget(deployment)}
                          >
                            {earlier ? 'Roll back to this deployment' : 'Switch to this deployment'}
                          </button>
                        </span>
                        {reason && <small className="reason">{reason}</small>}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
            <SpacerRow height={after} columns={4} />
          </tbody>
        </table>
      </TableScroll>
      <ConfirmDialog
        open={target !== null}
        title={
          target && current && target.createdDate < current.createdDate
            ? `Roll ${stage.name} back to ${target.id}?`
            : `Switch ${stage.name} to ${target?.id ?? ''}?`
        }
        danger
        change={rollBack}
        onClose={() => setTarget(null)}
        onConfirm={() =>
          target &&
          rollBack.mutate({ deploymentId: target.id }, { onSettled: closeOnceSettled(() => setTarget(null)) })
        }
      >
        <p>This changes the stage {stage.name}:</p>
        <ul className="changes">
          <li>
            Deployment: <del>{label(current, stage.deploymentId)}</del> →{' '}
            <ins>{target ? label(target, target.id) : ''}</ins>
            {target && `, created ${formatDate(target.createdDate)}`}.
          </li>
          <li>
            {stage.canary
              ? 'The canary stays as it is; only the base traffic moves.'
              : 'All traffic is served by that deployment at once.'}{' '}
            Stage variables, cache and throttling do not change.
          </li>
        </ul>
        {target && <DeploymentDiffView apiId={stage.apiId} from={stage.deploymentId} to={target.id} />}
      </ConfirmDialog>
      <Dialog
        open={compared !== null}
        title={`Compare with ${compared?.id ?? ''}`}
        onClose={() => setCompared(null)}
        wide
      >
        <div className="dialog-body">
          <p>
            From <span className="mono">{label(current, stage.deploymentId)}</span>, which {stage.name} runs,
            to <span className="mono">{compared ? label(compared, compared.id) : ''}</span>:
          </p>
          {compared && <DeploymentDiffView apiId={stage.apiId} from={stage.deploymentId} to={compared.id} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setCompared(null)}>
            Close
          </button>
        </div>
      </Dialog>
    </>
  );
}
