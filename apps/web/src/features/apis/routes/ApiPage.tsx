import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatDate } from '../../../shared/format.ts';
import { Skeleton } from '../../../shared/Skeleton.tsx';
import { EmptyRow, TableHead } from '../../../shared/Table.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { SpacerRow, useVirtualRows } from '../../../shared/VirtualRows.tsx';
import { StageVerdictBadge } from '../../canary/index.ts';
import { DeployButton, deploymentListQuery } from '../../deployments/index.ts';
import { MetricsDashboard } from '../../metrics/index.ts';
import {
  CreateStageButton,
  StageDeletedNotice,
  StagesTable,
  StaleStageDialog,
  stageListQuery,
} from '../../stages/index.ts';
import { ApiStatusCodes } from '../../statusCodes/index.ts';
import { apiDetailQuery } from '../api/keys.ts';
import { authKinds, authLabels, explainAuth } from '../components/authExplained.ts';
import { EndpointBadge, endpointExplanations } from '../components/EndpointBadge.tsx';

/** A method row's height before it is measured. */
const METHOD_ROW_ESTIMATE_PX = 45;

/** One API: how callers reach it, its resources and methods, and its stages. */
export default function ApiPage({ apiId }: { apiId: string }) {
  const { data: api, error, isPending, refetch } = useQuery(apiDetailQuery(apiId));
  const deployments = useQuery(deploymentListQuery(apiId));
  // The same query as the Stages table's: the Deploy dialog offers these stages as targets.
  const stages = useQuery(stageListQuery(apiId));
  const methods = useMemo(
    () =>
      (api?.resources ?? []).flatMap((resource) =>
        resource.methods.map((method) => ({ path: resource.path, method })),
      ),
    [api],
  );
  // An API may have 300 resources with several methods each: the table draws the rows on screen.
  const rows = useVirtualRows(
    methods.length,
    (index) =>
      methods[index] ? `${methods[index].path} ${methods[index].method.httpMethod}` : String(index),
    METHOD_ROW_ESTIMATE_PX,
  );
  // A failed refresh keeps what the page shows (and what the operator typed); only a first load fails whole.
  if (error && !api)
    return (
      <section className="page">
        <nav className="crumbs" aria-label="Breadcrumb">
          <Link href="/">APIs</Link>
        </nav>
        <h1>API {apiId}</h1>
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      </section>
    );
  if (isPending)
    return (
      <section className="page">
        <Skeleton lines={6} label="Loading the API" />
      </section>
    );
  return (
    <section className="page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/">APIs</Link> <span aria-hidden="true">/</span> <span>{api.name}</span>
      </nav>
      <header className="page-header row">
        <div>
          <h1>{api.name}</h1>
          <p className="muted">
            <span className="mono">{api.id}</span> · created {formatDate(api.createdDate)}
            {api.description && ` · ${api.description}`}
          </p>
        </div>
        <EndpointBadge type={api.endpointType} />
      </header>
      {error && <ErrorAlert error={error} />}
      <StageDeletedNotice apiId={apiId} />

      <section className="card" aria-labelledby="access-heading">
        <h2 id="access-heading">How callers reach it</h2>
        <ul className="explain">
          <li>{endpointExplanations[api.endpointType]}</li>
          {explainAuth(api).map(({ kind, sentence }) => (
            <li key={kind}>{sentence}</li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="stages-heading">
        <div className="section-header">
          <h2 id="stages-heading">Stages</h2>
          <div className="row-actions">
            <DeployButton apiId={apiId} stages={stages.data?.items ?? []} prominent={false} />
            <CreateStageButton apiId={apiId} deployments={deployments} />
          </div>
        </div>
        <StagesTable
          apiId={apiId}
          deployments={deployments.data?.items}
          canaryVerdict={(stage) => <StageVerdictBadge apiId={apiId} stage={stage} />}
        />
      </section>

      {/* The metrics feature's dashboard: every stage of this API together. */}
      <MetricsDashboard apiId={apiId} />
      <ApiStatusCodes apiId={apiId} />

      <section className="stack" aria-labelledby="resources-heading">
        <h2 id="resources-heading">Resources and methods</h2>
        <TableScroll label="Resources and methods">
          <table className="table" aria-label="Resources and methods">
            <TableHead columns={['Method', 'Path', 'Auth', 'Integration', 'Target']} />
            <tbody ref={rows.bodyRef}>
              {methods.length === 0 && <EmptyRow columns={5}>This API has no methods yet.</EmptyRow>}
              <SpacerRow height={rows.before} columns={5} />
              {rows.items.map((item) => {
                const row = methods[item.index];
                if (!row) return null;
                const { path, method } = row;
                return (
                  <tr key={item.key} data-index={item.index} ref={rows.measureElement}>
                    <td>
                      <span className={`verb verb-${method.httpMethod.toLowerCase()}`}>
                        {method.httpMethod}
                      </span>
                    </td>
                    <td className="mono">{path}</td>
                    <td>
                      {authKinds(method)
                        .map((kind) => authLabels[kind])
                        .join(' + ')}
                      {method.authorizerName && <div className="muted small">{method.authorizerName}</div>}
                    </td>
                    <td>{method.integration?.type ?? <span className="muted">None</span>}</td>
                    <td className="mono break">
                      {method.integration?.uri
                        ? `${method.integration.httpMethod ?? ''} ${method.integration.uri}`.trim()
                        : method.integration?.type === 'MOCK'
                          ? 'Mock response'
                          : '—'}
                    </td>
                  </tr>
                );
              })}
              <SpacerRow height={rows.after} columns={5} />
            </tbody>
          </table>
        </TableScroll>
      </section>
      <StaleStageDialog />
    </section>
  );
}
