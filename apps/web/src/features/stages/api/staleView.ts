import type { Stage } from '@gateway-console/contract';
import { create } from 'zustand';
import { isStaleView } from '../../../shared/http.ts';

interface StaleView {
  /** The stage as the operator saw it when they acted, and as it is now (from the 412's `current`). */
  stale: { seen: Stage; current: Stage | undefined } | null;
  dismiss: () => void;
}

/** UI state of the "this stage changed behind your back" dialog; the stages themselves stay in the query cache. */
export const useStaleView = create<StaleView>()((set) => ({
  stale: null,
  dismiss: () => set({ stale: null }),
}));

/** Opens the stale-view dialog when a change was refused with 412; returns whether it did. */
export function reportIfStale(error: unknown, seen: Stage): boolean {
  if (!isStaleView(error)) return false;
  const current = error.problem.current as Stage | undefined;
  useStaleView.setState({ stale: { seen, current } });
  return true;
}
