import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type FormEvent,
  Fragment,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { ApiError } from '../../../shared/http.ts';
import { type DashboardScope, markersQuery, metricsKeys, metricsQuery } from '../api/queries.ts';
import { chartTitles, describePeriod, rangeLabels, ranges } from '../model/charts.ts';
import { type Marker, markersFrom, markerTags } from '../model/markers.ts';
import {
  coveringFixedRange,
  customRangeProblem,
  type DashboardRange,
  fromLocalInput,
  toLocalInput,
  zoomedRange,
} from '../model/range.ts';
import { useDashboardRange, useDashboardUi } from '../state.ts';
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

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const rangeTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Nov 29, 14:05 – 14:35": an absolute range as the operator reads it. */
function describeRange(from: number, to: number): string {
  const start = rangeTime.format(from);
  const end =
    new Date(from).toDateString() === new Date(to).toDateString()
      ? timeOnly.format(to)
      : rangeTime.format(to);
  return `${start} – ${end}`;
}

/**
 * The fixed ranges, and a custom one typed as a start and an end (the keyboard's way to zoom):
 * prefilled with what the charts show, so narrowing the view is editing two times.
 */
function RangePicker({
  range,
  shown,
  onChange,
}: {
  range: DashboardRange;
  /** What the charts show now (epoch ms), for the custom range's starting values. */
  shown: { from: number; to: number } | null;
  onChange: (range: DashboardRange) => void;
}) {
  const name = useId();
  const fromId = useId();
  const toId = useId();
  const errorId = useId();
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const openCustom = () => {
    const current = range.kind === 'absolute' ? range : shown;
    setFrom(current ? toLocalInput(current.from) : '');
    setTo(current ? toLocalInput(current.to) : '');
    setProblem(null);
    setEditing((open) => !open);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const start = fromLocalInput(from);
    const end = fromLocalInput(to);
    const why = customRangeProblem(start, end, Date.now());
    setProblem(why);
    if (why) return;
    onChange({ kind: 'absolute', from: start, to: end });
    setEditing(false);
  };
  return (
    <div className="range-picker">
      <fieldset className="segmented">
        <legend className="visually-hidden">Time range</legend>
        {ranges.map((option) => {
          const checked = range.kind === 'fixed' && option === range.range;
          return (
            <label key={option} className={checked ? 'selected' : undefined}>
              <input
                type="radio"
                name={name}
                value={option}
                checked={checked}
                onChange={() => onChange({ kind: 'fixed', range: option })}
              />
              {rangeLabels[option]}
            </label>
          );
        })}
      </fieldset>
      <button
        type="button"
        className={`button${range.kind === 'absolute' ? ' selected' : ''}`}
        aria-expanded={editing}
        onClick={openCustom}
      >
        Custom range
      </button>
      {editing && (
        <form className="custom-range" onSubmit={apply} aria-label="Custom range" noValidate>
          {[
            { label: 'From', id: fromId, value: from, set: setFrom },
            { label: 'To', id: toId, value: to, set: setTo },
          ].map(({ label, id, value, set }) => (
            <Fragment key={label}>
              <label htmlFor={id}>{label}</label>
              <input
                id={id}
                type="datetime-local"
                value={value}
                onChange={(event) => set(event.target.value)}
                aria-describedby={problem ? errorId : undefined}
                aria-invalid={problem ? true : undefined}
              />
            </Fragment>
          ))}
          <button type="submit" className="button primary">
            Apply range
          </button>
          {problem && (
            <p id={errorId} className="field-error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
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
  const { range, problem: rangeProblem, setRange } = useDashboardRange();
  const { paused, togglePaused, zoomedFrom, setZoomedFrom } = useDashboardUi();
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

  const chooseRange = useCallback(
    (next: DashboardRange) => {
      setZoomedFrom(null);
      setRange(next);
    },
    [setRange, setZoomedFrom],
  );
  const zoom = useCallback(
    (from: number, to: number) => {
      // Reset zoom goes back to where the first of several zooms started.
      if (zoomedFrom === null) setZoomedFrom(range);
      setRange(zoomedRange(from, to, Date.now()));
    },
    [range, zoomedFrom, setRange, setZoomedFrom],
  );
  const resetZoom = () => {
    setRange(zoomedFrom ?? { kind: 'fixed', range: coveringFixedRange(range, Date.now()) });
    setZoomedFrom(null);
  };
  const shown = response ? { from: Date.parse(response.start), to: Date.parse(response.end) } : null;

  return (
    <section className="dashboard" aria-labelledby={headingId}>
      <header className="dashboard-header">
        <div>
          <h2 id={headingId}>{stage === null ? 'Traffic across all stages' : 'Traffic'}</h2>
          <p className="muted dashboard-status" aria-live="polite">
            {response ? (
              <>
                CloudWatch <span className="mono">AWS/ApiGateway</span> ·{' '}
                {range.kind === 'absolute' && (
                  <span data-testid="dashboard-range">{describeRange(range.from, range.to)} · </span>
                )}
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
          <RangePicker range={range} shown={shown} onChange={chooseRange} />
          {range.kind === 'absolute' && (
            <button type="button" className="button" onClick={resetZoom}>
              Reset zoom
            </button>
          )}
          <button type="button" className="button" aria-pressed={paused} onClick={togglePaused}>
            {paused ? 'Resume auto-refresh' : 'Pause auto-refresh'}
          </button>
        </div>
      </header>
      {rangeProblem && (
        <p className="note note-warn" role="note">
          {rangeProblem}
        </p>
      )}
      {metrics.error && <ErrorAlert error={metrics.error} />}
      {response?.warnings.map((warning) => (
        <p key={warning} className="note note-warn" role="note">
          {warning}
        </p>
      ))}
      {response ? (
        <Suspense fallback={<ChartsLoading withCache={response.caching} />}>
          <DashboardCharts response={response} markers={markers} notes={notes} onZoom={zoom} />
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
