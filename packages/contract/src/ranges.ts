// The limits of a dashboard's absolute range, zod-free so the web can check a URL's range without zod.

const MINUTE = 60;
const DAY = 86_400;
/** The shortest custom range: a few 1-minute points, so a drag-to-zoom still draws a line. */
export const MIN_METRIC_RANGE_SECONDS = 5 * MINUTE;
/**
 * The longest custom range. At 1-hour points a stage view is 18 series × 336 points and an API view
 * with its per-stage lines stays well inside GetMetricData's 100,800 datapoints per call.
 */
export const MAX_METRIC_RANGE_SECONDS = 14 * DAY;
/** CloudWatch keeps 1-hour points for 455 days: a range starting earlier has nothing to show. */
export const METRIC_RETENTION_SECONDS = 455 * DAY;
/** How far past now a range may end (clocks differ a little); the future has no datapoints. */
export const METRIC_FUTURE_SLACK_SECONDS = 5 * MINUTE;

/**
 * Why [from, to] (epoch ms) cannot be charted, in the operator's words, or null when it can. One rule
 * for the BFF (a 400) and the web (a note and the default range instead of a bad URL's).
 */
export function metricsWindowProblem(from: number, to: number, now: number): string | null {
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'The range needs a valid start and end time.';
  if (to <= from) return 'The range ends before it starts.';
  const seconds = (to - from) / 1000;
  if (seconds < MIN_METRIC_RANGE_SECONDS) return 'The range is shorter than 5 minutes.';
  if (seconds > MAX_METRIC_RANGE_SECONDS)
    return 'The range is longer than 14 days, more than one CloudWatch query can chart.';
  if (from < now - METRIC_RETENTION_SECONDS * 1000)
    return 'The range starts more than 455 days ago: CloudWatch no longer keeps those metrics.';
  if (from > now + METRIC_FUTURE_SLACK_SECONDS * 1000) return 'The range starts in the future.';
  return null;
}
