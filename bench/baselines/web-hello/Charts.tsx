// Baseline dashboard: bare recharts drawing the given series, one chart per metric, a line per variant.
import type { MetricsResponse } from '@gateway-console/contract';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

export default function Charts({ response }: { response: MetricsResponse | null }) {
  const byMetric = new Map<string, MetricsResponse['series']>();
  for (const series of response?.series ?? [])
    byMetric.set(series.metric, [...(byMetric.get(series.metric) ?? []), series]);
  return (
    <div className="chart-grid">
      {[...byMetric].map(([metric, lines]) => {
        const rows = (response?.timestamps ?? []).map((t, i) => ({
          t: Date.parse(t),
          ...Object.fromEntries(lines.map((line) => [line.variant, line.values[i] ?? null])),
        }));
        return (
          <figure key={metric}>
            <figcaption>{metric}</figcaption>
            <LineChart width={560} height={200} data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} />
              <YAxis />
              <Tooltip />
              {lines.map((line) => (
                <Line key={line.variant} dataKey={line.variant} dot={false} isAnimationActive={false} />
              ))}
            </LineChart>
          </figure>
        );
      })}
    </div>
  );
}
