import type { Deployment, Stage } from '@gateway-console/contract';
import { useState } from 'react';
import { ConfirmDialog } from '../../../shared/ConfirmDialog.tsx';
import { formatAgo, formatDate } from '../../../shared/format.ts';
import { isStaleView } from '../../../shared/http.ts';
import { SkeletonRows } from '../../../shared/Skeleton.tsx';
import { useAccess } from '../../session/index.ts';
import { useRollBackStage } from '../api/useRollBackStage.ts';

const label = (d: Deployment | undefined, id: string) => (d?.description ? `${id} (${d.description})` : id);

/** The API's deployments, newest first, with a way to point the stage back at an earlier one. */
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
  const current = deployments?.find((d) => d.id === stage.deploymentId);
  return (
    <>
      <div className="table-wrap">
        <table className="table" aria-label="Deployments" aria-busy={!deployments}>
          <thead>
            <tr>
              <th scope="col">Deployment</th>
              <th scope="col">Created</th>
              <th scope="col">On this stage</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {!deployments && <SkeletonRows columns={4} />}
            {deployments?.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  No deployments yet.
                </td>
              </tr>
            )}
            {deployments?.map((deployment) => {
              const earlier = current !== undefined && deployment.createdDate < current.createdDate;
              return (
                <tr key={deployment.id}>
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
                    {earlier && (
                      <span className="action-with-reason">
                        <button
                          type="button"
                          className="button small"
                          disabled={!access.allowed}
                          title={access.reason || undefined}
                          onClick={() => setTarget(deployment)}
                        >
                          Roll back to this deployment
                        </button>
                        {!access.allowed && <small className="reason">{access.reason}</small>}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={target !== null}
        title={`Roll ${stage.name} back to ${target?.id ?? ''}?`}
        danger
        pending={rollBack.isPending}
        error={rollBack.error}
        onClose={() => {
          setTarget(null);
          rollBack.reset();
        }}
        onConfirm={() =>
          target &&
          rollBack.mutate(
            { deploymentId: target.id },
            { onSettled: (_d, error) => (!error || isStaleView(error) ? setTarget(null) : undefined) },
          )
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
      </ConfirmDialog>
    </>
  );
}
