import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { CopyButton } from '../../../shared/CopyButton.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatAgo, formatDate } from '../../../shared/format.ts';
import { Skeleton } from '../../../shared/Skeleton.tsx';
import { apiDetailQuery } from '../../apis/index.ts';
import { CanaryPanel } from '../../canary/index.ts';
import { DeployButton, DeploymentsTable, DriftBanner, deploymentListQuery } from '../../deployments/index.ts';
import { MetricsDashboard } from '../../metrics/index.ts';
import { RolloutPanel } from '../../rollouts/index.ts';
import { StatusCodesPanel, ThrottledApart } from '../../statusCodes/index.ts';
import { stageQuery } from '../api/keys.ts';
import { CachePanel } from '../components/CachePanel.tsx';
import { ChangedBy } from '../components/ChangedBy.tsx';
import { DeleteStageButton } from '../components/DeleteStage.tsx';
import { StageDescription } from '../components/StageDescription.tsx';
import { StaleStageDialog } from '../components/StaleStageDialog.tsx';
import { ThrottlingPanel } from '../components/ThrottlingPanel.tsx';
import { VariablesPanel } from '../components/VariablesPanel.tsx';

/** One stage: where it is reached, its canary, cache, throttling and deployment history. */
export default function StagePage({ apiId, stageName }: { apiId: string; stageName: string }) {
  const name = decodeURIComponent(stageName);
  const { data: stage, error, isPending, refetch, dataUpdatedAt } = useQuery(stageQuery(apiId, name));
  const api = useQuery(apiDetailQuery(apiId));
  const deployments = useQuery(deploymentListQuery(apiId));
  const crumbs = (
    <nav className="crumbs" aria-label="Breadcrumb">
      <Link href="/">APIs</Link> <span aria-hidden="true">/</span>{' '}
      <Link href={`/apis/${apiId}`}>{api.data?.name ?? 'API'}</Link> <span aria-hidden="true">/</span>{' '}
      <span>{name}</span>
    </nav>
  );
  // A failed refresh keeps the page, and the forms the operator may be typing in; only a first load fails whole.
  if (error && !stage)
    return (
      <section className="page">
        {crumbs}
        <h1>{name}</h1>
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      </section>
    );
  if (isPending)
    return (
      <section className="page">
        {crumbs}
        <Skeleton lines={8} label="Loading the stage" />
      </section>
    );
  return (
    <section className="page">
      {crumbs}
      <header className="page-header">
        <h1>{stage.name}</h1>
        <div className="muted">
          <StageDescription stage={stage} /> · updated{' '}
          <time dateTime={stage.lastUpdatedDate} title={formatDate(stage.lastUpdatedDate)}>
            {formatAgo(stage.lastUpdatedDate)}
          </time>
        </div>
        <div className="invoke">
          <span className="muted">Invoke URL</span>
          <code className="mono">{stage.invokeUrl}</code>
          <CopyButton value={stage.invokeUrl} label="Copy invoke URL" />
        </div>
        <DeleteStageButton stage={stage} />
        <ChangedBy stage={stage} />
      </header>
      {error && (
        <>
          <ErrorAlert error={error} onRetry={() => void refetch()} />
          <p className="muted small" role="note">
            Showing the stage as read {formatAgo(new Date(dataUpdatedAt).toISOString())}.
          </p>
        </>
      )}
      {deployments.error && <ErrorAlert error={deployments.error} />}
      <DriftBanner stage={stage} />
      <CanaryPanel stage={stage} deployments={deployments.data?.items} />
      <RolloutPanel stage={stage} />

      {/* The metrics feature's dashboard: base against canary for this stage. */}
      <MetricsDashboard
        apiId={apiId}
        stage={stage.name}
        notes={{ errors4xx: <ThrottledApart stage={stage} /> }}
      />
      <StatusCodesPanel stage={stage} api={api.data} />

      <div className="columns">
        <CachePanel stage={stage} />
        <ThrottlingPanel stage={stage} api={api.data} />
      </div>
      <VariablesPanel stage={stage} />
      <section className="stack" aria-labelledby="deployments-heading">
        <div className="section-header">
          <h2 id="deployments-heading">Deployments</h2>
          <DeployButton apiId={apiId} stages={[stage]} />
        </div>
        <DeploymentsTable stage={stage} deployments={deployments.data?.items} />
      </section>
      <StaleStageDialog />
    </section>
  );
}
