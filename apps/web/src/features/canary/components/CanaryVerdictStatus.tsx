import type { CanaryVerdict } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { formatPercent } from '../../../shared/format.ts';
import { TableHead } from '../../../shared/Table.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { canaryVerdictQuery } from '../api/verdict.ts';

const headlines: Record<CanaryVerdict['verdict'], string> = {
  healthy: 'Healthy',
  failing: 'Failing',
  inconclusive: 'Not enough traffic yet',
};

const metricLabels: Record<CanaryVerdict['checks'][number]['metric'], string> = {
  '5xx-rate': '5XX rate',
  '4xx-rate': '4XX rate',
  'latency-avg': 'Latency (avg)',
  'latency-p99': 'Latency (p99)',
};

const shown = (metric: string, value: number) =>
  metric.endsWith('-rate') ? formatPercent(value * 100) : `${Math.round(value)} ms`;

/** Below the minimum sample a check only says how it is going, not a verdict. */
const resultOf = (passed: boolean, early: boolean) =>
  early ? (passed ? 'Passing so far' : 'Failing so far') : passed ? 'Passed' : 'Failed';

/** A p-value to two significant digits; below what the tests can resolve (1 − a CDF near 1), "< 1e-15", not 0.0. */
function pValueText(p: number | undefined): string {
  if (p === undefined) return '—';
  return p < 1e-15 ? '< 1e-15' : p.toPrecision(2);
}

/** The canary judge's verdict with every number behind it: counts, rates, p-values and thresholds. */
export function CanaryVerdictStatus({ apiId, stage }: { apiId: string; stage: string }) {
  const { data, error } = useQuery(canaryVerdictQuery(apiId, stage));
  return (
    <div
      role="status"
      aria-label="Canary verdict"
      className={`verdict verdict-${data?.verdict ?? 'loading'}`}
    >
      {!data && !error && <span className="muted">Judging the canary…</span>}
      {error && <span className="muted">The canary cannot be judged right now: {error.message}</span>}
      {data && (
        <>
          <p className="verdict-headline">
            <strong>{headlines[data.verdict]}</strong> <span className="muted">{data.reason}</span>
          </p>
          <p className="muted">
            Judged over {new Date(data.window.start).toLocaleTimeString()}–
            {new Date(data.window.end).toLocaleTimeString()}, the minutes CloudWatch has finished publishing:{' '}
            {data.canaryRequests.toLocaleString()} canary and {data.baseRequests.toLocaleString()} base
            requests (each side needs {data.minRequests.toLocaleString()}).
          </p>
          <VerdictChecks verdict={data} label="Canary checks" />
        </>
      )}
    </div>
  );
}

/** The judge's checks with every number: canary, base, p-value, what fails, the result. */
export function VerdictChecks({ verdict, label }: { verdict: CanaryVerdict; label: string }) {
  return (
    <TableScroll label={label}>
      <table className="table compact" aria-label={label}>
        <TableHead columns={['Check', 'Canary', 'Base', 'p-value', 'Fails at', 'Result']} />
        <tbody>
          {verdict.checks.map((check) => (
            <tr key={check.metric}>
              <th scope="row">{metricLabels[check.metric]}</th>
              <td>{shown(check.metric, check.canary)}</td>
              <td>{shown(check.metric, check.base)}</td>
              <td>{pValueText(check.pValue)}</td>
              <td>
                ≥ {check.threshold}× base and p &lt; {check.alpha.toPrecision(2)}
              </td>
              <td>{resultOf(check.passed, verdict.verdict === 'inconclusive')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export { headlines as verdictHeadlines, metricLabels as verdictMetricLabels };
