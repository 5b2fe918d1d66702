import type { LoggedRequest, StatusFilter } from '@gateway-console/contract';
import { useId } from 'react';
import { EmptyRow, TableHead } from '../../../shared/Table.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The recent failing requests of the stage, newest first, with a filter by status. */
export function RecentRequests({
  items,
  more,
  status,
  statuses,
  onStatus,
  loading,
}: {
  items: LoggedRequest[];
  more: boolean;
  status: StatusFilter;
  statuses: number[];
  onStatus: (status: StatusFilter) => void;
  loading: boolean;
}) {
  const filterId = useId();
  return (
    <div className="recent-requests">
      <div className="recent-requests-header">
        <h3>Recent failing requests</h3>
        <span className="recent-requests-filter">
          <label htmlFor={filterId}>Status</label>
          <select
            id={filterId}
            value={String(status)}
            onChange={(event) => {
              const value = event.target.value;
              onStatus(/^\d+$/.test(value) ? Number(value) : (value as StatusFilter));
            }}
          >
            <option value="failed">All failed (4XX and 5XX)</option>
            <option value="4xx">4XX</option>
            <option value="5xx">5XX</option>
            {statuses.map((s) => (
              <option key={s} value={String(s)}>
                {s}
              </option>
            ))}
          </select>
        </span>
      </div>
      <TableScroll label="Recent failing requests">
        <table className="table compact" aria-label="Recent failing requests" aria-busy={loading}>
          <TableHead
            columns={['Request id', 'Time', 'Method', 'Path', 'Status', 'Latency', 'Error type']}
            numeric={['Status', 'Latency']}
          />
          <tbody>
            {items.length === 0 && (
              <EmptyRow columns={7}>
                {loading ? 'Reading the access logs…' : 'No such requests in this range.'}
              </EmptyRow>
            )}
            {items.map((request) => (
              <tr key={request.requestId || `${request.time}-${request.path}`}>
                <td className="mono request-id">{request.requestId}</td>
                <td>
                  <time dateTime={request.time}>{time.format(Date.parse(request.time))}</time>
                  {request.side === 'canary' && <span className="badge badge-canary">canary</span>}
                </td>
                <td className="mono">{request.method}</td>
                <td className="mono path-cell" title={request.resourcePath ?? undefined}>
                  {request.path}
                </td>
                <td className="num mono">{request.status}</td>
                <td className="num">
                  {request.latencyMs === null ? '—' : `${Math.round(request.latencyMs)} ms`}
                </td>
                <td className="mono">{request.errorType ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {more && <p className="muted">Showing the newest {items.length}; narrow by status to see others.</p>}
    </div>
  );
}
