import type { MetricsResponse, MetricVariant } from '@gateway-console/contract';
import { useEffect, useId, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import {
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
  peakOf,
} from '../model/charts.ts';
import { type Marker, markerTags } from '../model/markers.ts';
import { ErrorCodes } from './ErrorCodes.tsx';

/** About one point per 3 px of a half-width chart: more would be drawn on top of each other. */
const MAX_POINTS = 300;

const colours: Record<MetricVariant, string> = {
  base: 'var(--base)',
  canary: 'var(--canary)',
  all: 'var(--base)',
};

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
  const count = row[`${line.variant}_${part}`];
  const total = whole
    ? row[`${line.variant}_${whole}`]
    : (row[`${line.variant}_cacheHits`] ?? 0) + (row[`${line.variant}_cacheMisses`] ?? 0);
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
}: TooltipContentProps<ValueType, NameType> & { spec: ChartSpec }) {
  if (!active || !payload?.length || typeof label !== 'number') return null;
  const row = payload[0]!.payload as ChartRow;
  const pairs = spec.lines.filter((line) => line.variant !== 'canary');
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">{dayAndTime.format(label)}</div>
      <table>
        <tbody>
          {spec.lines.map((line) => {
            const value = row[line.key];
            return (
              <tr key={line.key}>
                <th scope="row">
                  <span className={`swatch swatch-${line.variant}${line.dashed ? ' swatch-dashed' : ''}`} />
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
            const canary = row[line.key.replace(/^base_/, 'canary_')];
            if (line.variant !== 'base' || typeof base !== 'number' || typeof canary !== 'number')
              return null;
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

function ChartCard({
  spec,
  response,
  rows,
  markers,
}: {
  spec: ChartSpec;
  response: MetricsResponse;
  rows: ChartRow[];
  markers: Marker[];
}) {
  const titleId = useId();
  const headline = headlineFor(spec.kind, response);
  const domain: [number, number] = [Date.parse(response.start), Date.parse(response.end)];
  const empty = spec.lines.every((line) => rows.every((row) => row[line.key] === null));
  const peak = peakOf(rows, spec.lines);
  // A rate chart never zooms in below 1 %, so a handful of errors does not look like an outage.
  const ticks = niceTicks(spec.unit === 'percent' ? Math.max(peak, 1) : peak);
  const tickFormatter = (t: number) => (response.range === '24h' ? dayAndTime : timeOfDay).format(t);
  return (
    <figure className="chart-card" aria-labelledby={titleId} data-chart={spec.kind}>
      <header className="chart-card-header">
        <h3 id={titleId}>{spec.title}</h3>
        <ul className="chart-legend" aria-label={`${spec.title} legend`}>
          {spec.lines.map((line) => (
            <li key={line.key}>
              <span className={`swatch swatch-${line.variant}${line.dashed ? ' swatch-dashed' : ''}`} />
              {line.label}
            </li>
          ))}
        </ul>
      </header>
      <p className={`headline tone-${headline.tone}`} data-testid="headline">
        {headline.text}
      </p>
      {headline.detail && <p className="headline-detail muted">{headline.detail}</p>}
      <div className="chart-plot">
        <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 560, height: 200 }}>
          <LineChart data={rows} margin={{ top: 16, right: 12, bottom: 0, left: 0 }} syncId="dashboard">
            <CartesianGrid stroke="var(--grid)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              tickFormatter={tickFormatter}
              stroke="var(--muted)"
              tick={{ fill: 'var(--muted)', fontSize: 11 }}
              tickLine={false}
              minTickGap={40}
            />
            <YAxis
              stroke="var(--muted)"
              tick={{ fill: 'var(--muted)', fontSize: 11 }}
              tickLine={false}
              axisLine={false}
              width={56}
              tickFormatter={(value: number) => axisValue(value, spec.unit)}
              ticks={ticks}
              domain={[0, ticks.at(-1)!]}
              // Keeps the axis (and the markers drawn against it) when the range has no data at all.
              allowDataOverflow
              interval={0}
            />
            <Tooltip
              content={(props) => <ChartTooltip {...props} spec={spec} />}
              isAnimationActive={false}
              cursor={{ stroke: 'var(--muted)', strokeDasharray: '3 3' }}
            />
            {markers.map((marker) => (
              <ReferenceLine
                key={marker.id}
                x={marker.t}
                stroke="var(--marker)"
                strokeDasharray="4 3"
                className={`marker marker-${marker.kind}`}
                label={{
                  value: markerTags[marker.kind],
                  position: 'top',
                  fill: 'var(--marker)',
                  fontSize: 10,
                }}
              />
            ))}
            {spec.lines.map((line) => (
              <Line
                key={line.key}
                dataKey={line.key}
                name={line.label}
                className={`series series-${line.variant}`}
                type="linear"
                stroke={colours[line.variant]}
                strokeWidth={line.dashed ? 1.25 : 1.75}
                strokeDasharray={line.dashed ? '4 3' : undefined}
                dot={false}
                activeDot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {empty && <p className="chart-empty muted">No requests in this range</p>}
      </div>
      {spec.kind === 'errors4xx' && <ErrorCodes family="4xx" />}
      {spec.kind === 'errors5xx' && <ErrorCodes family="5xx" />}
    </figure>
  );
}

export interface DashboardChartsProps {
  response: MetricsResponse;
  markers: Marker[];
}

/** The charts of one dashboard view, drawn from a metrics response: loaded lazily with recharts. */
export default function DashboardCharts({ response, markers }: DashboardChartsProps) {
  const rows = useMemo(() => downsample(chartRows(response), MAX_POINTS), [response]);
  const specs = useMemo(() => chartSpecs(response), [response]);
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
    <div className="chart-grid">
      {specs.map((spec) => (
        <ChartCard key={spec.kind} spec={spec} response={response} rows={rows} markers={markers} />
      ))}
    </div>
  );
}
