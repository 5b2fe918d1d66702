import type { MetricRange } from '@gateway-console/contract';
import { create } from 'zustand';

/** UI state of the dashboards only (the data lives in the query cache): the range and whether refresh is paused. */
interface DashboardState {
  range: MetricRange;
  paused: boolean;
  setRange: (range: MetricRange) => void;
  togglePaused: () => void;
}

export const useDashboardState = create<DashboardState>()((set) => ({
  range: '1h',
  paused: false,
  setRange: (range) => set({ range }),
  togglePaused: () => set((state) => ({ paused: !state.paused })),
}));
