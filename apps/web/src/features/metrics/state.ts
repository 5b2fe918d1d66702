import type { MetricRange } from '@gateway-console/contract';
import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { create } from 'zustand';
import { coveringFixedRange, type DashboardRange, rangeFromSearch, searchOf } from './model/range.ts';

/**
 * UI state of the dashboards only (the data lives in the query cache, the range in the URL): whether
 * refresh is paused, and the range a drag-to-zoom started from, which Reset zoom goes back to.
 */
interface DashboardUiState {
  paused: boolean;
  zoomedFrom: DashboardRange | null;
  togglePaused: () => void;
  setZoomedFrom: (range: DashboardRange | null) => void;
}

export const useDashboardUi = create<DashboardUiState>()((set) => ({
  paused: false,
  zoomedFrom: null,
  togglePaused: () => set((state) => ({ paused: !state.paused })),
  setZoomedFrom: (zoomedFrom) => set({ zoomedFrom }),
}));

/** The dashboard's range, read from and written to the URL (`?range=3h` or `?from=…&to=…`). */
export function useDashboardRange() {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const parsed = useMemo(() => rangeFromSearch(search, Date.now()), [search]);
  const setRange = useCallback(
    (next: DashboardRange) => {
      const params = new URLSearchParams(search);
      for (const [name, value] of Object.entries(searchOf(next))) {
        if (value === null) params.delete(name);
        else params.set(name, value);
      }
      // A new history entry per range, so Back undoes a zoom.
      navigate(`${location}?${params}`);
    },
    [search, location, navigate],
  );
  return { ...parsed, setRange };
}

/**
 * The dashboards' range and pause, for other views of the same page: they offer fixed ranges only,
 * so an absolute range is given as the fixed one reaching back to its start.
 */
export function useDashboardState(): { range: MetricRange; paused: boolean } {
  const paused = useDashboardUi((state) => state.paused);
  const { range } = useDashboardRange();
  return { range: coveringFixedRange(range, Date.now()), paused };
}
