import type { MetricRange } from '@gateway-console/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useMemo } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { ApiError } from '../../../shared/http.ts';
import { type DashboardScope, markersQuery, metricsKeys, metricsQuery } from '../api/queries.ts';
import { chartTitles, describePeriod, rangeLabels, ranges } from '../model/charts.ts';
import { type Marker, markersFrom, markerTags } from '../model/markers.ts';
import { useDashboardState } from '../state.ts';
import type { ChartNotes } from './DashboardCharts.tsx';
import './dashboard.css';

// recharts is most of the dashboard's weight: it loads in its own chunk, only where a dashboard is shown.
const loadCharts = () => import('./DashboardCharts.tsx');
const DashboardCharts = lazy(loadCharts);

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const eventTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

function RangePicker({ range, onChange }: { range: MetricRange; onChange: (range: MetricRange) => void }) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Time range</legend>
      {ranges.map((option) => (
        <label key={option} className={option === range ? 'selected' : undefined}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={option === range}
            onChange={() => onChange(option)}
          />
          {rangeLabels[option]}
        </label>
      ))}
    </fieldset>
  );
}

function ChartsLoading({ withCache }: { withCache: boolean }) {
  const titles = Object.entries(chartTitles).filter(([kind]) => withCache || kind !== 'cache');
  return (
    <div className="chart-grid" aria-busy="true">
      {titles.map(([kind, title]) => (
        <div key={kind} className="chart-card">
          <div className="chart-card-header">
            <span className="chart-card-title muted">{title}</span>
          </div>
          <span className="skeleton chart-skeleton" />
        </div>
      ))}
    </div>
  );
}

function Events({ markers }: { markers: Marker[] }) {
  if (markers.length === 0) return null;
  const newestFirst = [...markers].reverse().slice(0, 8);
  return (
    <section className="dashboard-events" aria-label="Events on the charts">
      <h3>Events</h3>
      <ul>
        {newestFirst.map((marker) => (
          <li key={marker.id} className={`event event-${marker.kind}`}>
            <span className="event-tag" aria-hidden="true">
              {markerTags[marker.kind]}
            </span>
            <span>{marker.label}</span>
            {marker.stage && <span className="muted">on {marker.stage}</span>}
            <span className="muted">by {marker.actor}</span>
            <time className="muted" dateTime={new Date(marker.t).toISOString()}>
              {eventTime.format(marker.t)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Requests, 4XX/5XX error rates and latency of a stage (base against canary) or of a whole API
 * (`stage` omitted), with the operators' actions marked on the time axis. Refreshes every minute.
 */
export function MetricsDashboard({
  apiId,
  stage = null,
  notes,
}: {
  apiId: string;
  stage?: string | null;
  /** Lines other features add under a chart's headline (the stage's 429s under 4XX errors). */
  notes?: ChartNotes;
}) {
  const scope: DashboardScope = useMemo(() => ({ apiId, stage }), [apiId, stage]);
  const { range, paused, setRange, togglePaused } = useDashboardState();
  const metrics = useQuery(metricsQuery(scope, range, paused));
  const audit = useQuery(markersQuery(scope, paused));
  const queryClient = useQueryClient();
  const headingId = useId();

  // Fetch the charts' code while the metrics are on their way, not after they arrived.
  useEffect(() => {
    void loadCharts();
  }, []);

  // A promote, rollback or flush made anywhere in the console belongs on the charts right away.
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') {
          void queryClient.invalidateQueries({ queryKey: metricsKeys.markers(scope) });
        }
      }),
    [queryClient, scope],
  );

  useEffect(() => {
    if (metrics.data) performance.mark('dashboard:data');
  }, [metrics.data]);

  // A stage (or API) deleted while the page is open: the last charts would be a lie, only the alert stays.
  const gone = metrics.error instanceof ApiError && metrics.error.status === 404;
  const response = gone ? undefined : metrics.data;
  const markers = useMemo(
    () =>
      response && audit.data
        ? markersFrom(audit.data.items, Date.parse(response.start), Date.parse(response.end))
        : [],
    [response, audit.data],
  );

  return (
    <section className="dashboard" aria-labelledby={headingId}>
      <header className="dashboard-header">
        <div>
          <h2 id={headingId}>{stage === null ? 'Traffic across all stages' : 'Traffic'}</h2>
          <p className="muted dashboard-status" aria-live="polite">
            {response ? (
              <>
                CloudWatch <span className="mono">AWS/ApiGateway</span> ·{' '}
                {describePeriod(response.periodSeconds)} ·{' '}
                {paused ? 'auto-refresh paused' : 'refreshes every minute'} · updated{' '}
                {clock.format(metrics.dataUpdatedAt)}
                {metrics.isFetching && ' · refreshing…'}
              </>
            ) : metrics.error ? (
              'No metrics to show'
            ) : (
              'Loading metrics from CloudWatch…'
            )}
          </p>
        </div>
        <div className="dashboard-controls">
          <RangePicker range={range} onChange={setRange} />
          <button type="button" className="button" aria-pressed={paused} onClick={togglePaused}>
            {paused ? 'Resume auto-refresh' : 'Pause auto-refresh'}
          </button>
        </div>
      </header>
      {metrics.error && <ErrorAlert error={metrics.error} />}
      {response?.warnings.map((warning) => (
        <p key={warning} className="note note-warn" role="note">
          {warning}
        </p>
      ))}
      {response ? (
        <Suspense fallback={<ChartsLoading withCache={response.caching} />}>
          <DashboardCharts response={response} markers={markers} notes={notes} />
        </Suspense>
      ) : (
        !metrics.error && <ChartsLoading withCache={false} />
      )}
      {audit.error && (
        <p className="muted">
          Markers are not shown: the audit log could not be read ({audit.error.message}).
        </p>
      )}
      <Events markers={markers} />
    </section>
  );
}
