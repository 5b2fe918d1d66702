import { type Query, type QueryCache, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RequestId } from './ErrorAlert.tsx';
import type { ApiError } from './http.ts';
import { isThrottled, nextReadAt, useSecondsUntil } from './throttling.ts';

interface ThrottledReads {
  /** The latest refusal, for its title and request id. */
  error: ApiError;
  /** The soonest moment one of the waiting reads is tried again. */
  nextTryAt: number;
  /** How many views are waiting. */
  waiting: number;
}

const throttledNow = (query: Query): query is Query & { state: { fetchFailureReason: ApiError } } =>
  query.state.fetchStatus === 'fetching' && isThrottled(query.state.fetchFailureReason);

function findThrottledReads(cache: QueryCache): ThrottledReads | null {
  const waiting = cache.getAll().filter(throttledNow);
  if (waiting.length === 0) return null;
  const latest = waiting.reduce((a, b) =>
    b.state.fetchFailureReason.receivedAt > a.state.fetchFailureReason.receivedAt ? b : a,
  );
  return {
    error: latest.state.fetchFailureReason,
    nextTryAt: Math.min(
      ...waiting.map((q) => nextReadAt(q.state.fetchFailureReason, q.state.fetchFailureCount)),
    ),
    waiting: waiting.length,
  };
}

const same = (a: ThrottledReads | null, b: ThrottledReads | null) =>
  a === b ||
  (a !== null && b !== null && a.error === b.error && a.nextTryAt === b.nextTryAt && a.waiting === b.waiting);

/**
 * While AWS throttles the console's reads, the views keep what they show and try again when AWS says
 * they may; this says so once, for the whole page, instead of every panel turning into an error.
 */
export function ThrottlingBanner() {
  const cache = useQueryClient().getQueryCache();
  const [reads, setReads] = useState(() => findThrottledReads(cache));
  useEffect(() => {
    setReads(findThrottledReads(cache));
    return cache.subscribe(() => {
      const next = findThrottledReads(cache);
      setReads((current) => (same(current, next) ? current : next));
    });
  }, [cache]);
  if (!reads) return null;
  return <Banner reads={reads} />;
}

function Banner({ reads }: { reads: ThrottledReads }) {
  const seconds = useSecondsUntil(reads.nextTryAt);
  return (
    <div role="alert" className="alert alert-calm throttling-banner">
      <div className="alert-body">
        <p className="throttling-headline">
          <strong>{reads.error.problem.title}</strong>
          {/* Ticks every second; a screen reader hears the alert once, not every tick. */}
          <span aria-live="off" className="retry-countdown">
            {seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying now…'}
          </span>
        </p>
        <span>
          The console waits as AWS asks and loads {reads.waiting === 1 ? 'this view' : 'these views'} by
          itself. What you have typed stays as it is.
        </span>
        <RequestId problem={reads.error.problem} />
      </div>
    </div>
  );
}
