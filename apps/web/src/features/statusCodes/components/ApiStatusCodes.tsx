import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { useDashboardState } from '../../metrics/index.ts';
import { apiStatusCodesQuery } from '../api/queries.ts';
import { StatusCodesFigure } from './StatusCodesFigure.tsx';

/** The API dashboard's Status codes: every stage with access logs, counted in one Logs Insights query. */
export function ApiStatusCodes({ apiId }: { apiId: string }) {
  const headingId = useId();
  const { range, paused } = useDashboardState();
  const codes = useQuery(apiStatusCodesQuery(apiId, range, paused));
  const response = codes.data;
  return (
    <section className="card status-codes" aria-labelledby={headingId}>
      <h2 id={headingId}>Errors by status code across stages</h2>
      {codes.error && <ErrorAlert error={codes.error} />}
      {response?.accessLog.state === 'off' && (
        <p className="note" role="note">
          No stage of this API logs its requests, so only CloudWatch's 4XX and 5XX sums are known. Turn access
          logging on from a stage's page to tell throttling (429) from missing keys (403), or timeouts (504)
          from bad integration responses (502).
        </p>
      )}
      {response?.accessLog.state === 'on' && (
        <>
          <StatusCodesFigure response={response} />
          {response.warnings.map((warning) => (
            <p key={warning} className="muted" role="note">
              {warning}
            </p>
          ))}
        </>
      )}
      {!response && !codes.error && <span className="skeleton chart-skeleton" aria-busy="true" />}
    </section>
  );
}
