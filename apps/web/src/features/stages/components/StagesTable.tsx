import type { Deployment } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatAgo, formatDate, formatPercent } from '../../../shared/format.ts';
import { SkeletonRows } from '../../../shared/Skeleton.tsx';
import { EmptyRow, TableHead } from '../../../shared/Table.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { stageListQuery } from '../api/keys.ts';
import { cacheSummary, throttlingSummary } from './stageSummary.ts';

/** The API's stages: what each one serves, its canary, cache and throttling. */
export function StagesTable({
  apiId,
  deployments,
  canaryVerdict,
}: {
  apiId: string;
  deployments: Deployment[] | undefined;
  /** The canary judge's verdict for a stage with a canary (the canary feature's, composed by the page). */
  canaryVerdict?: (stage: string) => ReactNode;
}) {
  const { data, error, isPending } = useQuery(stageListQuery(apiId));
  const describe = (id: string) => deployments?.find((d) => d.id === id)?.description;
  const order = ['prod', 'staging', 'dev'];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const stages = [...(data?.items ?? [])].sort(
    (a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name),
  );
  return (
    <>
      {error && <ErrorAlert error={error} />}
      <TableScroll label="Stages">
        <table className="table" aria-label="Stages" aria-busy={isPending}>
          <TableHead columns={['Name', 'Deployment', 'Canary', 'Cache', 'Throttling', 'Last updated']} />
          <tbody>
            {isPending && <SkeletonRows columns={6} />}
            {data?.items.length === 0 && (
              <EmptyRow columns={6}>No stages yet. Create one to give a deployment an invoke URL.</EmptyRow>
            )}
            {stages.map((stage) => (
              <tr key={stage.name}>
                <td>
                  <Link href={`/apis/${apiId}/stages/${encodeURIComponent(stage.name)}`} className="strong">
                    {stage.name}
                  </Link>
                  {stage.description && <div className="muted small">{stage.description}</div>}
                </td>
                <td>
                  <span className="mono">{stage.deploymentId}</span>
                  {describe(stage.deploymentId) && (
                    <div className="muted small">{describe(stage.deploymentId)}</div>
                  )}
                </td>
                <td>
                  {stage.canary ? (
                    <div className="stage-canary">
                      <span className="badge badge-canary">
                        {formatPercent(stage.canary.percentTraffic)} canary
                      </span>
                      {canaryVerdict?.(stage.name)}
                    </div>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
                <td>{cacheSummary(stage)}</td>
                <td>{throttlingSummary(stage)}</td>
                <td>
                  <time dateTime={stage.lastUpdatedDate} title={formatDate(stage.lastUpdatedDate)}>
                    {formatAgo(stage.lastUpdatedDate)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
