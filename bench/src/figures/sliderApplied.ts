import type { RunningConsole } from '../console.ts';
import { type Figure, notAvailable } from '../report.ts';

export async function sliderApplied(_app: RunningConsole): Promise<Figure[]> {
  return [
    notAvailable('Slider release → "applied" p50', 'ms', {}, 'stage page not built yet'),
    notAvailable('Slider release → "applied" p95', 'ms', { atMost: 150 }, 'stage page not built yet'),
  ];
}
