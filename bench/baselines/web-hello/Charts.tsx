// Baseline dashboard: bare recharts drawing every given series as a line of one chart, nothing else.
import type { MetricsResponse } from '@gateway-console/contract';
import { Line, LineChart, XAxis, YAxis } from 'recharts';

export default function Charts({ response }: { response: MetricsResponse | null }) {
  const series = response?.series ?? [];
  const key = (s: MetricsResponse['series'][number]) => `${s.variant}_${s.metric}`;
  const rows = (response?.timestamps ?? []).map((t, i) => ({
    t: Date.parse(t),
    ...Object.fromEntries(series.map((s) => [key(s), s.values[i] ?? null])),
  }));
  return (
    <div className="chart-grid">
      <LineChart width={1100} height={320} data={rows}>
        <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} />
        <YAxis />
        {series.map((s) => (
          <Line key={key(s)} dataKey={key(s)} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </div>
  );
}
