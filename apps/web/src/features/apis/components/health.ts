import { type ApiHealth, HEALTH_WINDOW_MINUTES } from '@gateway-console/contract';
import { formatRate } from '../../../shared/format.ts';

/** 5XX rates from which a row reads as degraded, then as failing (percent of requests). */
export const DEGRADED_5XX_PERCENT = 1;
export const FAILING_5XX_PERCENT = 5;

export interface HealthView {
  text: string;
  tone: 'ok' | 'warn' | 'danger' | 'none';
  /** The numbers behind the text, for the cell's title. */
  detail: string;
}

const counts = new Intl.NumberFormat('en');

/** How an APIs-list row shows its API's last minutes: the 5XX rate, toned by how bad it is. */
export function healthOf(health: ApiHealth | undefined): HealthView {
  const window = `the last ${HEALTH_WINDOW_MINUTES} minutes`;
  if (!health) {
    return { text: 'Unknown', tone: 'none', detail: `CloudWatch could not be read for ${window}` };
  }
  if (health.requests === 0) return { text: 'No traffic', tone: 'none', detail: `No requests in ${window}` };
  const percent = (100 * health.errors5xx) / health.requests;
  const tone = percent >= FAILING_5XX_PERCENT ? 'danger' : percent >= DEGRADED_5XX_PERCENT ? 'warn' : 'ok';
  return {
    text: `${formatRate(percent)} 5XX`,
    tone,
    detail: `${counts.format(health.errors5xx)} 5XX errors in ${counts.format(health.requests)} requests in ${window}`,
  };
}
