import {
  type ApiOverview,
  type ApiSummary,
  type EndpointType,
  HEALTH_WINDOW_MINUTES,
  MAX_OVERVIEW_APIS,
} from '@gateway-console/contract';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { formatDate } from '../../../shared/format.ts';
import { SkeletonRows } from '../../../shared/Skeleton.tsx';
import { TableScroll } from '../../../shared/TableScroll.tsx';
import { SpacerRow, useVirtualRows } from '../../../shared/VirtualRows.tsx';
import { verdictBadges } from '../../../shared/verdictBadges.ts';
import { environmentQuery, whereText } from '../../environment/index.ts';
import { apiListQuery, apiOverviewQuery } from '../api/keys.ts';
import { EndpointBadge, endpointLabels } from '../components/EndpointBadge.tsx';
import { healthOf } from '../components/health.ts';
import './apis.css';

type SortKey = 'name' | 'endpointType' | 'createdDate';
const columns: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'endpointType', label: 'Endpoint' },
  { key: 'createdDate', label: 'Created' },
];
const COLUMN_COUNT = 7;
/** A row's height before it is measured (name + id lines). */
const ROW_ESTIMATE_PX = 62;

const compare = (key: SortKey) => (a: ApiSummary, b: ApiSummary) =>
  String(a[key]).localeCompare(String(b[key]));

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
  const sort = params.get('sort');
  return {
    query: params.get('q') ?? '',
    endpoint: (params.get('endpoint') ?? '') as EndpointType | '',
    sort: (columns.some((c) => c.key === sort) ? sort : 'name') as SortKey,
    descending: params.get('dir') === 'desc',
    set,
  };
}

/**
 * Stage counts and canaries of the rows on screen only, fetched in fixed groups of the sorted list (so
 * scrolling back asks nothing again): the list itself costs AWS one GetRestApis per 500 APIs.
 */
function useOverviews(rows: ApiSummary[], visible: number[]): Map<string, ApiOverview> {
  const groups = [...new Set(visible.map((index) => Math.floor(index / MAX_OVERVIEW_APIS)))];
  const results = useQueries({
    queries: groups.map((group) =>
      apiOverviewQuery(
        rows.slice(group * MAX_OVERVIEW_APIS, (group + 1) * MAX_OVERVIEW_APIS).map((r) => r.id),
      ),
    ),
  });
  const overviews = new Map<string, ApiOverview>();
  for (const result of results) for (const item of result.data?.items ?? []) overviews.set(item.apiId, item);
  return overviews;
}

function CanaryCell({ overview }: { overview: ApiOverview | undefined }) {
  if (!overview) return <span className="muted">…</span>;
  if (overview.canaries.length === 0) return <span className="muted">None</span>;
  const text = overview.canaries
    .map((c) => `${c.stage} ${c.percentTraffic} %${c.verdict ? `: ${verdictBadges[c.verdict].label}` : ''}`)
    .join(', ');
  return (
    <span className="clip canary-cell" title={text}>
      {overview.canaries.map((c) => (
        <span key={c.stage}>
          {c.stage} {c.percentTraffic} %{c.verdict && ' '}
          {c.verdict && (
            <span className={verdictBadges[c.verdict].className}>{verdictBadges[c.verdict].label}</span>
          )}
        </span>
      ))}
    </span>
  );
}

function HealthCell({ overview }: { overview: ApiOverview | undefined }) {
  if (!overview) return <span className="muted">…</span>;
  const health = healthOf(overview.health);
  return health.tone === 'none' ? (
    <span className="muted" title={health.detail}>
      {health.text}
    </span>
  ) : (
    <span className={`badge badge-${health.tone}`} title={health.detail}>
      {health.text}
    </span>
  );
}

export default function ApisPage() {
  const { data, error, isPending, refetch } = useQuery(apiListQuery());
  const { data: environment } = useQuery(environmentQuery());
  const { query, endpoint, sort, descending, set } = useListParams();
  // Typing stays instant: the filter over every API follows a keystroke behind when it must.
  const needle = useDeferredValue(query.trim().toLowerCase());
  const haystacks = useMemo(
    () =>
      new Map(
        (data?.items ?? []).map((api) => [
          api.id,
          `${api.name}\n${api.id}\n${api.description}`.toLowerCase(),
        ]),
      ),
    [data],
  );
  const sorted = useMemo(() => {
    const all = [...(data?.items ?? [])].sort(compare(sort));
    return descending ? all.reverse() : all;
  }, [data, sort, descending]);
  const rows = useMemo(
    () =>
      sorted.filter(
        (api) =>
          (!endpoint || api.endpointType === endpoint) &&
          (!needle || haystacks.get(api.id)?.includes(needle)),
      ),
    [sorted, endpoint, needle, haystacks],
  );

  const { bodyRef, items, measureElement, before, after } = useVirtualRows(
    rows.length,
    (index) => rows[index]?.id ?? String(index),
    ROW_ESTIMATE_PX,
  );
  const overviews = useOverviews(
    rows,
    items.map((item) => item.index),
  );

  return (
    <section className="page">
      <header className="page-header">
        <h1>APIs</h1>
        <p className="muted">
          REST APIs in {environment ? whereText(environment) : 'this account and region'}
          {data && data.items.length > 0 ? ` (${data.items.length})` : ''}.
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
        <table
          className="table apis-table"
          aria-label="APIs"
          aria-busy={isPending}
          aria-rowcount={data ? rows.length + 1 : undefined}
        >
          <colgroup>
            <col className="col-name" />
            <col className="col-endpoint" />
            <col className="col-stages" />
            <col className="col-canary" />
            <col className="col-health" />
            <col className="col-created" />
            <col />
          </colgroup>
          <thead>
            <tr>
              {columns.slice(0, 2).map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} descending={descending} set={set} />
              ))}
              <th scope="col" className="num">
                Stages
              </th>
              <th scope="col">Canary</th>
              <th scope="col">
                <abbr title={`5XX errors over the last ${HEALTH_WINDOW_MINUTES} minutes`}>Health</abbr>
              </th>
              {columns.slice(2).map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} descending={descending} set={set} />
              ))}
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {isPending && <SkeletonRows columns={COLUMN_COUNT} />}
            {data && rows.length === 0 && (
              <tr>
                <td colSpan={COLUMN_COUNT} className="empty">
                  {data.items.length === 0
                    ? `No REST APIs in ${environment ? whereText(environment) : 'this account and region'} yet.`
                    : 'No API matches this search.'}
                </td>
              </tr>
            )}
            <SpacerRow height={before} columns={COLUMN_COUNT} />
            {items.map((item) => {
              const api = rows[item.index];
              if (!api) return null;
              const overview = overviews.get(api.id);
              return (
                <tr
                  key={item.key}
                  data-index={item.index}
                  ref={measureElement}
                  aria-rowindex={item.index + 2}
                >
                  <td>
                    <Link href={`/apis/${api.id}`} className="strong clip">
                      {api.name}
                    </Link>
                    <div className="mono muted">{api.id}</div>
                  </td>
                  <td>
                    <EndpointBadge type={api.endpointType} />
                  </td>
                  <td className="num">{overview ? overview.stageCount : <span className="muted">…</span>}</td>
                  <td>
                    <CanaryCell overview={overview} />
                  </td>
                  <td>
                    <HealthCell overview={overview} />
                  </td>
                  <td>
                    <time dateTime={api.createdDate}>{formatDate(api.createdDate)}</time>
                  </td>
                  <td>
                    <span
                      className="clip"
                      title={api.description.length > 60 ? api.description.slice(0, 2_000) : undefined}
                    >
                      {api.description.slice(0, 500)}
                    </span>
                  </td>
                </tr>
              );
            })}
            <SpacerRow height={after} columns={COLUMN_COUNT} />
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function SortHeader({
  column,
  sort,
  descending,
  set,
}: {
  column: (typeof columns)[number];
  sort: SortKey;
  descending: boolean;
  set: (changes: Record<string, string | undefined>) => void;
}) {
  const active = sort === column.key;
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
      <button
        type="button"
        className="sort"
        onClick={() => set({ sort: column.key, dir: active && !descending ? 'desc' : undefined })}
      >
        {column.label}
        <span aria-hidden="true">{active ? (descending ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </th>
  );
}
