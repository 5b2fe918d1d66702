import type { StatusCodesResponse } from '@gateway-console/contract';
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { statusLines, statusRows } from '../model/series.ts';

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** Requests per period by status, each status its own line, the canary's dashed: loaded lazily with recharts. */
export default function StatusCodesChart({ response }: { response: StatusCodesResponse }) {
  const lines = useMemo(() => statusLines(response), [response]);
  const rows = useMemo(() => statusRows(response), [response]);
  const format = response.range === '24h' ? dayAndTime : timeOfDay;
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={rows} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[Date.parse(response.start), Date.parse(response.end)]}
          tickFormatter={(t: number) => format.format(t)}
          stroke="var(--muted)"
          tickLine={false}
          minTickGap={40}
        />
        <YAxis stroke="var(--muted)" tickLine={false} axisLine={false} width={44} allowDecimals={false} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => dayAndTime.format(Number(t))}
          contentStyle={{
            background: 'var(--surface)',
            border: '1px solid var(--border)',
            color: 'var(--text)',
          }}
        />
        {lines.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.label}
            className={`status-line status-${line.status} side-${line.side}`}
            stroke={line.colour}
            strokeWidth={1.75}
            strokeDasharray={line.side === 'canary' ? '4 3' : undefined}
            dot={false}
            isAnimationActive={false}
            type="linear"
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
