import type { Locator, Page } from '@playwright/test';

/** The metrics dashboard on a stage page (base against canary) or an API page (all stages). */
export class DashboardPage {
  readonly status: Locator;
  readonly pause: Locator;
  readonly events: Locator;

  constructor(readonly page: Page) {
    this.status = page.locator('.dashboard-status');
    this.pause = page.getByRole('button', { name: /auto-refresh/ });
    this.events = page.getByRole('region', { name: 'Events on the charts' });
  }

  /** A chart by its title: Requests, 4XX errors, 5XX errors, Latency, Cache hits. */
  chart(title: string): Locator {
    return this.page.getByRole('figure', { name: title, exact: true });
  }

  headline(title: string): Locator {
    return this.chart(title).getByTestId('headline');
  }

  /** A range picker option: Last 15 minutes, Last hour, Last 3 hours, Last 24 hours. */
  range(label: string): Locator {
    return this.page.getByRole('radio', { name: label, exact: true });
  }

  /** Markers of one kind (deployment, canary, promotion, rollback, flush) drawn on a chart's time axis. */
  markers(title: string, kind: string): Locator {
    return this.chart(title).locator(`.marker-${kind}`);
  }

  /**
   * How high a series is drawn on average, in pixels above the chart's bottom edge, read from the
   * SVG path recharts drew: what an operator sees as "this line is above that one".
   */
  async drawnHeight(title: string, variant: 'base' | 'canary' | 'all'): Promise<number> {
    return this.chart(title).evaluate((figure, variant) => {
      const plot = figure.querySelector('.recharts-cartesian-grid')!.getBoundingClientRect();
      const svg = figure.querySelector('svg.recharts-surface')!.getBoundingClientRect();
      const bottom = plot.bottom - svg.top;
      const d = figure.querySelector(`.series-${variant} path.recharts-line-curve`)?.getAttribute('d') ?? '';
      const ys = [...d.matchAll(/[ML]\s*[-\d.]+[ ,]([-\d.]+)/g)].map((match) => Number(match[1]));
      if (ys.length === 0) throw new Error(`no ${variant} line drawn`);
      return ys.reduce((sum, y) => sum + (bottom - y), 0) / ys.length;
    }, variant);
  }
}
