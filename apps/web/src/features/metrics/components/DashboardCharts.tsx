import type { MetricsResponse } from '@gateway-console/contract';
import {
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  type BaseTickContentProps,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  Tooltip,
  type TooltipContentProps,
  useChartWidth,
  usePlotArea,
  useXAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import {
  axisUnitOf,
  type ChartKind,
  type ChartLine,
  type ChartRow,
  type ChartSpec,
  type ChartUnit,
  chartRows,
  chartSpecs,
  downsample,
  formatDifference,
  formatValue,
  headlineFor,
  niceTicks,
  partialFrom,
  peakOf,
  timeTicks,
} from '../model/charts.ts';
import { groupMarkers, type Marker, type MarkerGroup, markerTags } from '../model/markers.ts';
import { ErrorCodes } from './ErrorCodes.tsx';

/** About one point per 1.5 px of a half-width chart's plot: more would be drawn on top of each other. */
const MAX_POINTS = 300;
/** Marker tags closer than this on the time axis are drawn as one tag listing every event. */
const MARKER_GAP_PX = 18;
/** Round times on the time axis: "Sun 14:00" labels need more room than "14:00" ones. */
const MAX_TIME_TICKS = { day: 5, hours: 7 };
/** The room a time label needs, so a phone's narrow plot gets fewer of them rather than overlapping ones. */
const TIME_LABEL_PX = { day: 104, hours: 72 };
/** The most events a marker's callout lists before "and N more". */
const CALLOUT_EVENTS = 6;
/** Matches `.chart-plot` in dashboard.css. */
const PLOT_HEIGHT = 200;

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

function axisValue(value: number, unit: ChartUnit): string {
  const round = (n: number) => String(Number(n.toFixed(2)));
  if (unit === 'percent') return `${round(value)} %`;
  if (unit === 'ms') return value >= 1000 ? `${round(value / 1000)} s` : `${round(value)} ms`;
  return value >= 1000 ? `${round(value / 1000)}k` : round(value);
}

/** "1 of 12": the counts behind a rate, so a 50 % spike from two requests reads as what it is. */
function OutOf({ row, line }: { row: ChartRow; line: ChartLine }) {
  const part = line.metric === 'cacheHitRate' ? 'cacheHits' : line.metric.replace(/Rate$/, '');
  const whole = line.metric === 'cacheHitRate' ? null : 'requests';
  const count = row[`${line.prefix}_${part}`];
  const total = whole
    ? row[`${line.prefix}_${whole}`]
    : (row[`${line.prefix}_cacheHits`] ?? 0) + (row[`${line.prefix}_cacheMisses`] ?? 0);
  if (typeof count !== 'number' || typeof total !== 'number' || total === 0) return null;
  return (
    <span className="chart-tooltip-count">
      {count} of {total}
    </span>
  );
}

function ChartTooltip({
  active,
  payload,
  label,
  spec,
  hidden,
  partialSince,
}: TooltipContentProps<ValueType, NameType> & {
  spec: ChartSpec;
  hidden: ReadonlySet<string>;
  partialSince: number | null;
}) {
  if (!active || !payload?.length || typeof label !== 'number') return null;
  const row = payload[0]!.payload as ChartRow;
  const lines = spec.lines.filter((line) => !hidden.has(line.key));
  const pairs = lines.filter((line) => line.variant === 'base');
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">
        {dayAndTime.format(label)}
        {partialSince !== null && label >= partialSince && ' · still filling in'}
      </div>
      <table>
        <tbody>
          {lines.map((line) => {
            const value = row[line.key];
            return (
              <tr key={line.key}>
                <th scope="row">
                  <Swatch line={line} />
                  {line.label}
                </th>
                <td>
                  {value === null || value === undefined ? 'no data' : formatValue(value, spec.unit)}
                  {line.metric.endsWith('Rate') && <OutOf row={row} line={line} />}
                </td>
              </tr>
            );
          })}
          {pairs.map((line) => {
            const base = row[line.key];
            const canaryKey = line.key.replace(/^base_/, 'canary_');
            const canary = row[canaryKey];
            if (hidden.has(canaryKey) || typeof base !== 'number' || typeof canary !== 'number') return null;
            return (
              <tr key={`${line.key}-difference`} className="chart-tooltip-difference">
                <th scope="row">Canary − base{line.label.replace(/^Base/, '')}</th>
                <td>{formatDifference(canary - base, spec.unit)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Swatch({ line }: { line: ChartLine }) {
  return (
    <span
      className={`swatch${line.dashed ? ' swatch-dashed' : ''}`}
      style={{ borderTopColor: line.colour }}
      aria-hidden="true"
    />
  );
}

/** One marker (or group of markers) on the time axis: a dashed line with a tag, its events on hover or focus. */
function MarkerMark({ group, plot, chartWidth }: { group: MarkerGroup; plot: PlotBox; chartWidth: number }) {
  const [open, setOpen] = useState(false);
  const first = group.markers[0]!;
  const last = group.markers.at(-1)!;
  const from = dayAndTime.format(first.t);
  const to = timeOfDay.format(last.t);
  const when = from.endsWith(to) ? from : `${from}–${to}`;
  const calloutWidth = 230;
  const calloutX = Math.min(Math.max(group.x - calloutWidth / 2, 0), chartWidth - calloutWidth);
  const kinds = group.kinds.map((kind) => `marker-${kind}`).join(' ');
  return (
    // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a labelled graphic, focusable so keyboard users can read its events as mouse users do on hover
    <g
      className={`marker ${kinds}${group.markers.length > 1 ? ' marker-group' : ''}`}
      role="img"
      aria-label={`${group.label}, ${when}`}
      // Not a Tab stop each (a day's range can draw dozens): the Events list below says the same to the
      // keyboard. A click or a screen reader's focus still opens the callout.
      tabIndex={-1}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      // The chart itself takes focus to step through its points; focusing a marker is not that.
      onFocus={(event) => {
        event.stopPropagation();
        setOpen(true);
      }}
      onBlur={(event) => {
        event.stopPropagation();
        setOpen(false);
      }}
    >
      <line
        x1={group.x}
        x2={group.x}
        y1={plot.y}
        y2={plot.y + plot.height}
        stroke="var(--marker)"
        strokeDasharray="4 3"
      />
      <rect className="marker-tag" x={group.x - 8} y={plot.y - 15} width={16} height={14} rx={3} />
      <text className="marker-tag-text" x={group.x} y={plot.y - 4.5} textAnchor="middle">
        {group.tag}
      </text>
      {open && (
        <foreignObject x={calloutX} y={plot.y + 4} width={calloutWidth} height={plot.height}>
          <div className="marker-callout">
            <div className="chart-tooltip-time">
              {group.markers.length === 1 ? when : `${group.markers.length} events, ${when}`}
            </div>
            <ul>
              {group.markers.slice(0, CALLOUT_EVENTS).map((marker) => (
                <li key={marker.id}>
                  <span className="event-tag">{markerTags[marker.kind]}</span>
                  <span>
                    {marker.label} <span className="muted">by {marker.actor}</span>
                  </span>
                </li>
              ))}
              {group.markers.length > CALLOUT_EVENTS && (
                <li className="muted">and {group.markers.length - CALLOUT_EVENTS} more</li>
              )}
            </ul>
          </div>
        </foreignObject>
      )}
    </g>
  );
}

interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The operators' actions on this chart's time axis, grouped where they would overlap. */
function ChartMarkers({ markers }: { markers: Marker[] }) {
  const xScale = useXAxisScale();
  const plot = usePlotArea();
  const chartWidth = useChartWidth();
  const groups = useMemo(
    () =>
      xScale
        ? groupMarkers(markers, (t) => xScale(t) ?? Number.NaN, MARKER_GAP_PX).filter((group) =>
            Number.isFinite(group.x),
          )
        : [],
    [markers, xScale],
  );
  if (!plot || chartWidth === undefined || groups.length === 0) return null;
  return (
    <g className="chart-markers">
      {groups.map((group) => (
        <MarkerMark key={group.id} group={group} plot={plot} chartWidth={chartWidth} />
      ))}
    </g>
  );
}

/** What every chart of one view shares, computed once per response. */
interface TimeAxis {
  domain: [number, number];
  ticks: number[];
  format: (t: number) => string;
}

/** A drag across the plot, in chart time (epoch ms): where it started and where the pointer is. */
interface Drag {
  from: number;
  to: number;
}

/** The plot's left edge inside the chart (the y axis's width) and its right margin, in pixels. */
const Y_AXIS_WIDTH = 56;
const RIGHT_MARGIN = 12;

/** The time under a pointer at `x` pixels from the chart's left edge, kept inside the axis. */
function timeAt(x: number, width: number, [start, end]: [number, number]): number {
  const share = (x - Y_AXIS_WIDTH) / Math.max(width - Y_AXIS_WIDTH - RIGHT_MARGIN, 1);
  return start + Math.min(Math.max(share, 0), 1) * (end - start);
}

function ChartCard({
  spec,
  response,
  rows,
  markers,
  time,
  width,
  note,
  partialIndex,
  onZoom,
}: {
  spec: ChartSpec;
  response: MetricsResponse;
  rows: ChartRow[];
  markers: Marker[];
  time: TimeAxis;
  /** The plot's width in pixels, measured once for all charts; null until measured. */
  width: number | null;
  /** What another view of the page adds to this chart (the 429s apart from the other 4XX). */
  note?: ReactNode;
  /** The first row whose period was still filling in when CloudWatch was read, or null. */
  partialIndex: number | null;
  /** A drag across the plot selected [from, to] (epoch ms). */
  onZoom: (from: number, to: number) => void;
}) {
  const titleId = useId();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [drag, setDrag] = useState<Drag | null>(null);
  const shown = useMemo(() => spec.lines.filter((line) => !hidden.has(line.key)), [spec, hidden]);
  const headline = useMemo(() => headlineFor(spec.kind, response), [spec.kind, response]);
  const { empty, ticks } = useMemo(() => {
    const peak = peakOf(rows, shown);
    return {
      empty: spec.lines.every((line) => rows.every((row) => row[line.key] === null)),
      // A rate chart never zooms in below 1 %, so a handful of errors does not look like an outage.
      ticks: niceTicks(spec.unit === 'percent' ? Math.max(peak, 1) : peak),
    };
  }, [rows, spec, shown]);
  const yDomain = useMemo((): [number, number] => [0, ticks.at(-1)!], [ticks]);
  const yFormat = useCallback((value: number) => axisValue(value, spec.unit), [spec.unit]);
  const partialSince = partialIndex === null ? null : (rows[partialIndex]?.t ?? null);
  const tooltip = useCallback(
    (props: TooltipContentProps<ValueType, NameType>) => (
      <ChartTooltip {...props} spec={spec} hidden={hidden} partialSince={partialSince} />
    ),
    [spec, hidden, partialSince],
  );
  // The complete periods draw solid; the last complete point joined to the partial ones draws dashed.
  const joinAt = partialIndex === null ? null : (rows[Math.max(partialIndex - 1, 0)]?.t ?? null);
  const segments = useMemo(
    () =>
      spec.lines.map((line) => ({
        line,
        complete: (row: ChartRow) =>
          partialSince !== null && row.t >= partialSince ? null : (row[line.key] ?? null),
        partial: (row: ChartRow) => (joinAt !== null && row.t >= joinAt ? (row[line.key] ?? null) : null),
      })),
    [spec, partialSince, joinAt],
  );
  const toggle = (key: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const unit = axisUnitOf(spec.kind, response.periodSeconds);
  return (
    <figure className="chart-card" aria-labelledby={titleId} data-chart={spec.kind}>
      <header className="chart-card-header">
        <h3 id={titleId}>{spec.title}</h3>
        <ul className="chart-legend" aria-label={`${spec.title} legend`}>
          {spec.lines.map((line) => (
            <li key={line.key}>
              <button
                type="button"
                className="legend-toggle"
                aria-pressed={!hidden.has(line.key)}
                title={hidden.has(line.key) ? `Show ${line.label}` : `Hide ${line.label}`}
                onClick={() => toggle(line.key)}
              >
                <Swatch line={line} />
                {line.label}
              </button>
            </li>
          ))}
        </ul>
      </header>
      <p className={`headline tone-${headline.tone}`} data-testid="headline">
        {headline.text}
      </p>
      {headline.detail && <p className="headline-detail muted">{headline.detail}</p>}
      {note}
      <p className="chart-axis-unit muted" data-testid="axis-unit">
        {unit}
      </p>
      <div
        className={`chart-plot${drag ? ' chart-plot-dragging' : ''}`}
        // Drag-to-zoom with a mouse or a pen (a finger scrolls the page); the range inputs are the keyboard's way.
        onPointerDown={(event) => {
          if (width === null || event.button !== 0 || event.pointerType === 'touch') return;
          const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
          if (x < Y_AXIS_WIDTH) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          const t = timeAt(x, width, time.domain);
          setDrag({ from: t, to: t });
        }}
        onPointerMove={(event) => {
          if (!drag || width === null) return;
          const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
          setDrag({ ...drag, to: timeAt(x, width, time.domain) });
        }}
        onPointerUp={() => {
          // A click is not a zoom: the drag must cover at least one period.
          if (drag && Math.abs(drag.to - drag.from) >= response.periodSeconds * 1000) {
            onZoom(Math.min(drag.from, drag.to), Math.max(drag.from, drag.to));
          }
          setDrag(null);
        }}
        onPointerCancel={() => setDrag(null)}
      >
        {width !== null && (
          <LineChart width={width} height={PLOT_HEIGHT} data={rows} margin={chartMargin} syncId="dashboard">
            <CartesianGrid stroke="var(--grid)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={time.domain}
              // Round times given as they are: left to itself the axis measures a label per data point.
              ticks={time.ticks}
              interval={0}
              tickFormatter={time.format}
              stroke="var(--muted)"
              tick={axisTick}
              tickLine={false}
            />
            <YAxis
              stroke="var(--muted)"
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              width={Y_AXIS_WIDTH}
              tickFormatter={yFormat}
              ticks={ticks}
              domain={yDomain}
              // Keeps the axis (and the markers drawn against it) when the range has no data at all.
              allowDataOverflow
              interval={0}
            />
            {partialSince !== null && (
              <ReferenceArea
                x1={partialSince}
                x2={time.domain[1]}
                className="partial-period"
                fill="url(#partial-hatch)"
                fillOpacity={1}
                ifOverflow="hidden"
              />
            )}
            <Tooltip content={tooltip} isAnimationActive={false} cursor={tooltipCursor} />
            {segments.map(({ line, complete }) => (
              <Line
                key={line.key}
                dataKey={complete}
                name={line.label}
                hide={hidden.has(line.key)}
                className={`series series-${line.variant}${line.stage ? ` series-stage-${line.stage}` : ''}`}
                type="linear"
                stroke={line.colour}
                strokeWidth={line.dashed ? 1.25 : 1.75}
                strokeDasharray={line.dashed ? '4 3' : undefined}
                dot={false}
                activeDot={activeDot}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
            {partialSince !== null &&
              segments.map(({ line, partial }) => (
                <Line
                  key={`${line.key}-partial`}
                  dataKey={partial}
                  name={`${line.label} (partial)`}
                  hide={hidden.has(line.key)}
                  className="series-partial"
                  type="linear"
                  stroke={line.colour}
                  strokeOpacity={0.7}
                  strokeWidth={1.5}
                  strokeDasharray="2 3"
                  dot={false}
                  activeDot={false}
                  legendType="none"
                  tooltipType="none"
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            {drag && Math.abs(drag.to - drag.from) > 0 && (
              <ReferenceArea x1={drag.from} x2={drag.to} className="zoom-selection" ifOverflow="hidden" />
            )}
            <ChartMarkers markers={markers} />
          </LineChart>
        )}
        {empty && <p className="chart-empty muted">No requests in this range</p>}
      </div>
      {spec.kind === 'errors4xx' && <ErrorCodes family="4xx" />}
      {spec.kind === 'errors5xx' && <ErrorCodes family="5xx" />}
    </figure>
  );
}

/**
 * A tick label as plain SVG text. recharts' own label measures each word in the DOM (a forced layout
 * per new word) to wrap text that never wraps here.
 */
function axisTick({ x, y, payload, index, textAnchor, verticalAnchor, tickFormatter }: BaseTickContentProps) {
  const dy = verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'middle' ? '0.355em' : undefined;
  return (
    <text x={x} y={y} dy={dy} textAnchor={textAnchor} className="axis-tick">
      {tickFormatter ? tickFormatter(payload.value, index) : String(payload.value)}
    </text>
  );
}

// Props that never change, made once: recharts compares them by identity on every render.
const chartMargin = { top: 18, right: RIGHT_MARGIN, bottom: 0, left: 0 };
const tooltipCursor = { stroke: 'var(--muted)', strokeDasharray: '3 3' };
const activeDot = { r: 3 };

/** Re-drawn only when its own inputs change (a refresh with the same answer draws nothing). */
const MemoChartCard = memo(ChartCard);

export interface DashboardChartsProps {
  response: MetricsResponse;
  markers: Marker[];
  /** A line under a chart's headline, by chart. */
  notes?: ChartNotes;
  /** A drag across a chart selected [from, to] (epoch ms): the dashboard narrows its range to it. */
  onZoom: (from: number, to: number) => void;
}

export type ChartNotes = Partial<Record<ChartKind, ReactNode>>;

/** The charts of one dashboard view, drawn from a metrics response: loaded lazily with recharts. */
export default function DashboardCharts({ response, markers, notes, onZoom }: DashboardChartsProps) {
  const rows = useMemo(() => downsample(chartRows(response), MAX_POINTS), [response]);
  const partialIndex = useMemo(
    () => partialFrom(rows, Date.parse(response.end), Date.parse(response.asOf)),
    [rows, response],
  );
  const partialSince = partialIndex === null ? null : rows[partialIndex]!.t;
  const specs = useMemo(() => chartSpecs(response), [response]);
  // Every chart has the same width (one grid track). Measured before the first paint and given to
  // the charts, so each draws once at its real size instead of at a guess and again when measured.
  const grid = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  const time = useMemo((): TimeAxis => {
    const start = Date.parse(response.start);
    const end = Date.parse(response.end);
    // Past a few hours, or across midnight, a time alone is ambiguous: the day goes with it.
    const day =
      end - start > 6 * 3600_000 || new Date(start).toDateString() !== new Date(end - 1).toDateString();
    const label = day ? dayAndTime : timeOfDay;
    // getTimezoneOffset is minutes west of UTC; the ticks want east.
    const offset = -new Date(end).getTimezoneOffset();
    const kind = day ? 'day' : 'hours';
    const plotWidth = (width ?? 600) - Y_AXIS_WIDTH - RIGHT_MARGIN;
    const maxTicks = Math.max(2, Math.min(MAX_TIME_TICKS[kind], Math.floor(plotWidth / TIME_LABEL_PX[kind])));
    return {
      domain: [start, end],
      ticks: timeTicks(start, end, maxTicks, offset),
      format: (t: number) => label.format(t),
    };
  }, [response, width]);
  useLayoutEffect(() => {
    const plot = grid.current?.querySelector('.chart-plot');
    if (!plot) return;
    const measure = () => setWidth(Math.floor(plot.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(plot);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    // Lets benchmarks read data-to-drawn in the real page (`dashboard:data` is marked on arrival):
    // the frame after this commit is the one that paints the charts.
    const frame = requestAnimationFrame(() => {
      performance.mark('dashboard:drawn', {
        detail: { range: response.range, series: response.series.length },
      });
      if (performance.getEntriesByName('dashboard:data').length > 0) {
        performance.measure('dashboard:render', 'dashboard:data', 'dashboard:drawn');
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [response]);
  return (
    <>
      {partialSince !== null && (
        <p className="muted partial-note" data-testid="partial-note">
          <span className="partial-swatch" aria-hidden="true" /> The last point (from{' '}
          {timeOfDay.format(partialSince)}) is still filling in: drawn dashed over a hatched band, it is not a
          drop in traffic.
        </p>
      )}
      <svg className="visually-hidden" aria-hidden="true" focusable="false" width="0" height="0">
        <defs>
          <pattern
            id="partial-hatch"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="var(--partial-bg)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="var(--partial-line)" strokeWidth="2" />
          </pattern>
        </defs>
      </svg>
      <div className="chart-grid" ref={grid}>
        {specs.map((spec) => (
          <MemoChartCard
            key={spec.kind}
            spec={spec}
            response={response}
            rows={rows}
            markers={markers}
            time={time}
            width={width}
            note={notes?.[spec.kind]}
            partialIndex={partialIndex}
            onZoom={onZoom}
          />
        ))}
      </div>
    </>
  );
}
