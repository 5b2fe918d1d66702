import type { StatusCodesResponse } from '@gateway-console/contract';
import { lazy, Suspense, useId } from 'react';
import { statusLines } from '../model/series.ts';
import './statusCodes.css';

const StatusCodesChart = lazy(() => import('./StatusCodesChart.tsx'));

/** The Status codes chart with its legend (totals per line) and where the counts come from. */
export function StatusCodesFigure({ response }: { response: StatusCodesResponse }) {
  const titleId = useId();
  const throttled = response.series
    .filter((series) => series.status === 429)
    .reduce((sum, series) => sum + series.total, 0);
  return (
    <figure className="chart-card status-codes-chart" aria-labelledby={titleId}>
      <header className="chart-card-header">
        <h3 id={titleId}>Status codes</h3>
        <ul className="chart-legend" aria-label="Status codes legend">
          {statusLines(response).map((line) => (
            <li key={line.key}>
              <span
                className={`swatch${line.side === 'canary' ? ' swatch-dashed' : ''}`}
                style={{ borderTopColor: line.colour }}
              />
              {line.label} <span className="muted">({line.total})</span>
            </li>
          ))}
        </ul>
      </header>
      <p className="muted headline-detail">
        {throttled ? `${throttled} throttled (429) in this range. ` : ''}
        Access logs in{' '}
        <span className="mono">{response.accessLog.state === 'on' && response.accessLog.logGroupName}</span>,
        counted by Logs Insights per{' '}
        {response.period >= 3600 ? `${response.period / 3600} h` : `${response.period / 60} min`}.
      </p>
      {response.series.length === 0 ? (
        <p className="chart-empty muted">No requests logged in this range</p>
      ) : (
        <Suspense fallback={<span className="skeleton chart-skeleton" />}>
          <StatusCodesChart response={response} />
        </Suspense>
      )}
    </figure>
  );
}
