import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { SkeletonRows } from '../../../shared/Skeleton.tsx';
import { EmptyRow, TableHead } from '../../../shared/Table.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { apiListQuery } from '../../apis/index.ts';
import { type AuditFilters, auditQuery } from '../api/keys.ts';
import { AuditRow } from '../components/AuditRow.tsx';

/** The filters typed in, beside the API chosen from a list. */
const textFilters = [
  { key: 'stage', label: 'Stage', placeholder: 'prod' },
  { key: 'actor', label: 'Actor', placeholder: 'username' },
] as const;

/** Who did what, when, to which stage, and how it ended. Filters live in the URL. */
export default function AuditPage() {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const filters: AuditFilters = {
    apiId: params.get('apiId') ?? undefined,
    stage: params.get('stage') ?? undefined,
    actor: params.get('actor') ?? undefined,
  };
  const set = (key: keyof AuditFilters, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`${location}?${next}`, { replace: true });
  };
  const apis = useQuery(apiListQuery());
  const audit = useInfiniteQuery(auditQuery(filters));
  const events = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const apiName = (id: string | null) => apis.data?.items.find((a) => a.id === id)?.name ?? id;

  return (
    <section className="page">
      <header className="page-header">
        <h1>Audit</h1>
        <p className="muted">
          Every change made through the console: who, when, what before and after, and how it ended.
        </p>
      </header>
      <search className="toolbar">
        <label className="field inline">
          <span>API</span>
          <select value={filters.apiId ?? ''} onChange={(e) => set('apiId', e.target.value)}>
            <option value="">All APIs</option>
            {apis.data?.items.map((api) => (
              <option key={api.id} value={api.id}>
                {api.name}
              </option>
            ))}
          </select>
        </label>
        {textFilters.map(({ key, label, placeholder }) => (
          <label key={key} className="field inline">
            <span>{label}</span>
            <input
              defaultValue={filters[key]}
              onChange={(e) => set(key, e.target.value)}
              placeholder={placeholder}
            />
          </label>
        ))}
      </search>
      {audit.error && <ErrorAlert error={audit.error} />}
      <TableScroll label="Audit events">
        <table className="table" aria-label="Audit events" aria-busy={audit.isPending}>
          <TableHead columns={['When', 'Who', 'Action', 'Target', 'Outcome']} />
          <tbody>
            {audit.isPending && <SkeletonRows columns={5} />}
            {audit.data && events.length === 0 && (
              <EmptyRow columns={5}>
                No actions recorded
                {filters.apiId || filters.stage || filters.actor ? ' for these filters' : ' yet'}.
              </EmptyRow>
            )}
            {events.map((event) => (
              <AuditRow key={event.id} event={event} apiName={apiName} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {audit.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={audit.isFetchingNextPage}
          onClick={() => audit.fetchNextPage()}
        >
          {audit.isFetchingNextPage ? 'Loading…' : 'Show older actions'}
        </button>
      )}
    </section>
  );
}
