import type { Deployment } from '@gateway-console/contract';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A timestamp as the operator reads it, in their locale. */
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

/** A deployment as one choice of a list: its description (or id), when it was made, its id. */
export const formatDeployment = (d: Deployment) =>
  `${d.description || d.id} · ${formatDate(d.createdDate)} (${d.id})`;

/** "3 days ago", "in 2 hours": how long ago something happened, for tables that scan by recency. */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(seconds, 'second');
}

/** A traffic share as shown in the canary readout: whole percents plain, fractions to one decimal. */
export const formatPercent = (value: number) =>
  `${Number.isInteger(value) ? value : value.toFixed(1).replace(/\.0$/, '')} %`;

/** A percent as operators read error rates: one decimal, two below 0.1 %, none for 0. */
export function formatRate(percent: number): string {
  if (percent === 0) return '0 %';
  const digits = Math.abs(percent) < 0.1 ? 2 : 1;
  return `${percent.toFixed(digits)} %`;
}
