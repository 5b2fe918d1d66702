// Baseline dashboard: bare recharts drawing the given series, one chart per metric, base and canary lines.
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartSeries {
  id: string;
  variant: 'base' | 'canary';
  points: { t: string; v: number | null }[];
}

export default function Charts({ series }: { series: ChartSeries[] }) {
  const byMetric = new Map<string, ChartSeries[]>();
  for (const line of series) byMetric.set(line.id, [...(byMetric.get(line.id) ?? []), line]);
  return (
    <>
      {[...byMetric].map(([id, lines]) => {
        const rows = lines[0]!.points.map((point, i) => ({
          t: point.t,
          ...Object.fromEntries(lines.map((line) => [line.variant, line.points[i]?.v ?? null])),
        }));
        return (
          <figure key={id}>
            <figcaption>{id}</figcaption>
            <LineChart width={560} height={200} data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="t" />
              <YAxis />
              <Tooltip />
              {lines.map((line) => (
                <Line
                  key={line.variant}
                  dataKey={line.variant}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </figure>
        );
      })}
    </>
  );
}
