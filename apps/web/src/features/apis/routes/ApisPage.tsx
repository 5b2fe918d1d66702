import type { ApiSummary, EndpointType } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatDate } from '../../../shared/format.ts';
import { SkeletonRows } from '../../../shared/Skeleton.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { environmentQuery, whereText } from '../../environment/index.ts';
import { apiListQuery } from '../api/keys.ts';
import { EndpointBadge, endpointLabels } from '../components/EndpointBadge.tsx';

type SortKey = 'name' | 'endpointType' | 'stageCount' | 'createdDate';
const columns: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'endpointType', label: 'Endpoint' },
  { key: 'stageCount', label: 'Stages', numeric: true },
  { key: 'createdDate', label: 'Created' },
];

const compare = (key: SortKey) => (a: ApiSummary, b: ApiSummary) =>
  key === 'stageCount' ? a.stageCount - b.stageCount : String(a[key]).localeCompare(String(b[key]));

/** The list's search, filter and sort live in the URL, so a filtered view can be shared and survives reload. */
function useListParams() {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    navigate(query ? `${location}?${query}` : location, { replace: true });
  };
  return {
    query: params.get('q') ?? '',
    endpoint: (params.get('endpoint') ?? '') as EndpointType | '',
    sort: (params.get('sort') ?? 'name') as SortKey,
    descending: params.get('dir') === 'desc',
    set,
  };
}

export default function ApisPage() {
  const { data, error, isPending, refetch } = useQuery(apiListQuery());
  const { data: environment } = useQuery(environmentQuery());
  const { query, endpoint, sort, descending, set } = useListParams();
  const needle = query.trim().toLowerCase();
  const rows = (data?.items ?? [])
    .filter((api) => !endpoint || api.endpointType === endpoint)
    .filter(
      (api) =>
        !needle ||
        api.name.toLowerCase().includes(needle) ||
        api.id.toLowerCase().includes(needle) ||
        api.description.toLowerCase().includes(needle),
    )
    .sort(compare(sort));
  if (descending) rows.reverse();

  return (
    <section className="page">
      <header className="page-header">
        <h1>APIs</h1>
        <p className="muted">
          REST APIs in {environment ? whereText(environment) : 'this account and region'}.
        </p>
      </header>
      <search className="toolbar">
        <label className="field inline grow">
          <span>Search</span>
          <input
            type="search"
            placeholder="Name, id or description"
            value={query}
            onChange={(e) => set({ q: e.target.value })}
          />
        </label>
        <label className="field inline">
          <span>Endpoint type</span>
          <select value={endpoint} onChange={(e) => set({ endpoint: e.target.value })}>
            <option value="">All</option>
            {Object.entries(endpointLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </search>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <TableScroll label="APIs">
        <table className="table" aria-label="APIs" aria-busy={isPending}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={sort === column.key ? (descending ? 'descending' : 'ascending') : undefined}
                >
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      set({
                        sort: column.key,
                        dir: sort === column.key && !descending ? 'desc' : undefined,
                      })
                    }
                  >
                    {column.label}
                    <span aria-hidden="true">{sort === column.key ? (descending ? ' ↓' : ' ↑') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {isPending && <SkeletonRows columns={5} />}
            {data && rows.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  {data.items.length === 0
                    ? `No REST APIs in ${environment ? whereText(environment) : 'this account and region'} yet.`
                    : 'No API matches this search.'}
                </td>
              </tr>
            )}
            {rows.map((api) => (
              <tr key={api.id}>
                <td>
                  <Link href={`/apis/${api.id}`} className="strong">
                    {api.name}
                  </Link>
                  <div className="mono muted">{api.id}</div>
                </td>
                <td>
                  <EndpointBadge type={api.endpointType} />
                </td>
                <td className="num">{api.stageCount}</td>
                <td>
                  <time dateTime={api.createdDate}>{formatDate(api.createdDate)}</time>
                </td>
                <td>{api.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
