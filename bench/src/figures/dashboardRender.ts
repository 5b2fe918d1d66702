import type { RunningConsole } from '../console.ts';
import { type Figure, notAvailable } from '../report.ts';

export async function dashboardRender(_app: RunningConsole): Promise<Figure[]> {
  return [
    notAvailable('Dashboard data → drawn, 24 h × 7 series', 'ms', { atMost: 300 }, 'dashboard not built yet'),
    notAvailable('Dashboard data → drawn, 24 h × 20 series', 'ms', {}, 'dashboard not built yet'),
  ];
}
