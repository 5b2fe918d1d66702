import type { Stage } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { useDashboardState } from '../../metrics/index.ts';
import { statusCodesQuery } from '../api/queries.ts';
import { colourOf, throttledShare } from '../model/series.ts';

/** Under the 4XX chart, when access logs exist: how many of those 4XX were throttling (429), per side. */
export function ThrottledApart({ stage }: { stage: Stage }) {
  const { range, paused } = useDashboardState();
  // The same query as the Status codes chart: one Logs Insights query serves both.
  const { data } = useQuery(statusCodesQuery(stage, range, paused));
  if (data?.accessLog.state !== 'on') return null;
  const sides = throttledShare(data).filter((side) => side.errors4xx > 0);
  if (sides.length === 0) return null;
  return (
    <p className="headline-detail throttled-apart" data-testid="throttled-apart">
      <span className="status-swatch" style={{ background: colourOf(429) }} aria-hidden="true" /> 429
      throttled:{' '}
      {sides
        .map(
          (side) =>
            `${side.throttled} of ${side.errors4xx} ${side.side === 'canary' ? 'canary ' : ''}4XX (${Math.round((100 * side.throttled) / side.errors4xx)} %)`,
        )
        .join(' · ')}
      , from access logs
    </p>
  );
}
