import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatDate } from '../../../shared/format.ts';
import { apiListQuery } from '../api/queries.ts';
import { EndpointBadge } from '../components/EndpointBadge.tsx';

export function ApisPage() {
  const { data, error, isPending } = useQuery(apiListQuery());
  return (
    <section className="page">
      <header className="page-header">
        <h1>APIs</h1>
        <p className="muted">REST APIs in this account and region.</p>
      </header>
      {error && <ErrorAlert error={error} />}
      <table className="table" aria-label="APIs" aria-busy={isPending}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Description</th>
            <th scope="col">Stages</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {isPending &&
            [0, 1, 2].map((row) => (
              <tr key={row} className="skeleton-row">
                <td colSpan={5}>
                  <span className="skeleton" />
                </td>
              </tr>
            ))}
          {data?.items.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                No REST APIs in this account and region yet.
              </td>
            </tr>
          )}
          {data?.items.map((api) => (
            <tr key={api.id}>
              <td>
                <Link href={`/apis/${api.id}`}>{api.name}</Link>
                <div className="mono muted">{api.id}</div>
              </td>
              <td>
                <EndpointBadge type={api.endpointType} />
              </td>
              <td>{api.description}</td>
              <td className="num">{api.stageCount}</td>
              <td>
                <time dateTime={api.createdDate}>{formatDate(api.createdDate)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
