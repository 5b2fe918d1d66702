import { ACCESS_LOG_COST, type ApiDetail, type Stage, type StatusFilter } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { useDashboardState } from '../../metrics/index.ts';
import { useAccess } from '../../session/index.ts';
import { requestsQuery, statusCodesQuery, useSetAccessLog } from '../api/queries.ts';
import { failingStatuses } from '../model/series.ts';
import { RecentRequests } from './RecentRequests.tsx';
import { StatusCodesFigure } from './StatusCodesFigure.tsx';
import { StatusExplanations } from './StatusExplanations.tsx';

const usd = (n: number) => (n < 0.01 ? '< $0.01' : `$${n.toFixed(2)}`);
const GB = 1024 ** 3;

/** What access logs cost per million requests: ingestion, a month of storage, a day's chart views. */
function costNote(): string {
  const gb = (1_000_000 * ACCESS_LOG_COST.bytesPerRequest) / GB;
  return (
    `About ${usd(gb * ACCESS_LOG_COST.usdPerGbIngested)} per million requests logged (CloudWatch Logs ingestion, ` +
    `~${ACCESS_LOG_COST.bytesPerRequest} bytes a line), ${usd(gb * ACCESS_LOG_COST.usdPerGbMonthStored)} a month to keep them ` +
    `(${ACCESS_LOG_COST.retentionDays}-day retention), and Logs Insights charges ${usd(ACCESS_LOG_COST.usdPerGbScanned)} per GB each chart refresh scans (us-east-1 prices).`
  );
}

function AccessLogSwitch({ stage, enable }: { stage: Stage; enable: boolean }) {
  const access = useAccess('operator');
  const change = useSetAccessLog(stage);
  const label = enable ? 'Turn on access logging' : 'Turn off access logging';
  return (
    <div className="access-log-switch">
      <button
        type="button"
        className={enable ? 'button primary' : 'button ghost small'}
        disabled={!access.allowed || change.isPending}
        title={access.reason || undefined}
        onClick={() => change.mutate({ enabled: enable })}
      >
        {change.isPending ? (enable ? 'Turning on…' : 'Turning off…') : label}
      </button>
      {!access.allowed && <span className="muted">({access.reason})</span>}
      {change.error && <ErrorAlert error={change.error} onDismiss={() => change.reset()} />}
    </div>
  );
}

/**
 * Errors by status code from the stage's access logs: the Status codes chart (base against canary),
 * what each failing code means and its likely cause here, and the recent failing requests.
 */
export function StatusCodesPanel({ stage, api }: { stage: Stage; api: ApiDetail | undefined }) {
  const headingId = useId();
  const { range, paused } = useDashboardState();
  const codes = useQuery(statusCodesQuery(stage, range, paused));
  const [status, setStatus] = useState<StatusFilter>('failed');
  const on = codes.data?.accessLog.state === 'on';
  // The explanations read the recent failures of every status; the table shows the chosen one.
  const failures = useQuery({ ...requestsQuery(stage, range, 'failed', paused), enabled: on });
  const chosen = useQuery({
    ...requestsQuery(stage, range, status, paused),
    enabled: on && status !== 'failed',
  });
  const table = status === 'failed' ? failures : chosen;
  const statuses = useMemo(() => (codes.data ? failingStatuses(codes.data) : []), [codes.data]);
  const response = codes.data;
  return (
    <section className="card status-codes" aria-labelledby={headingId}>
      <h2 id={headingId}>Errors by status code</h2>
      {codes.error && <ErrorAlert error={codes.error} />}
      {response?.accessLog.state === 'off' && (
        <div className="note" role="note">
          <p>
            Access logging is off for this stage, so CloudWatch only counts its 4XX and 5XX errors: throttling
            (429) cannot be told from a missing API key (403), nor a bad integration response (502) from a
            timeout (504). Turn it on to log one line per request to CloudWatch Logs and chart every status.
          </p>
          <p className="muted">{costNote()}</p>
          <AccessLogSwitch stage={stage} enable />
        </div>
      )}
      {response?.accessLog.state === 'unreadable' && (
        <div className="note note-warn" role="note">
          <p>{response.accessLog.reason}</p>
          <AccessLogSwitch stage={stage} enable />
        </div>
      )}
      {response && on && (
        <>
          <StatusCodesFigure response={response} />
          {response.warnings.map((warning) => (
            <p key={warning} className="note note-warn" role="note">
              {warning}
            </p>
          ))}
          <StatusExplanations
            statuses={statuses}
            stage={stage}
            api={api}
            requests={failures.data?.items ?? []}
          />
          {table.error && <ErrorAlert error={table.error} />}
          <RecentRequests
            items={table.data?.items ?? []}
            more={table.data?.more ?? false}
            status={status}
            statuses={statuses.map((s) => s.status)}
            onStatus={setStatus}
            loading={table.isFetching}
          />
          <AccessLogSwitch stage={stage} enable={false} />
        </>
      )}
      {!response && !codes.error && <span className="skeleton chart-skeleton" aria-busy="true" />}
    </section>
  );
}
