import type { Stage } from '@gateway-console/contract';
import { create } from 'zustand';
import { isStaleView } from '../../../shared/http.ts';

/** The refused change, to send again on top of the stage as it is now, if the operator wants it. */
export interface Reapply {
  /** The change in the operator's words: "canary traffic 25 %". */
  what: string;
  run: (current: Stage) => Promise<unknown>;
}

interface StaleView {
  /** The stage as the operator saw it when they acted, and as it is now (from the 412's `current`). */
  stale: { seen: Stage; current: Stage | undefined; reapply?: Reapply } | null;
  dismiss: () => void;
}

/** UI state of the "this stage changed behind your back" dialog; the stages themselves stay in the query cache. */
export const useStaleView = create<StaleView>()((set) => ({
  stale: null,
  dismiss: () => set({ stale: null }),
}));

/** Opens the stale-view dialog when a change was refused with 412; returns whether it did. */
export function reportIfStale(error: unknown, seen: Stage, reapply?: Reapply): boolean {
  if (!isStaleView(error)) return false;
  const current = error.problem.current as Stage | undefined;
  useStaleView.setState({ stale: { seen, current, reapply } });
  return true;
}
