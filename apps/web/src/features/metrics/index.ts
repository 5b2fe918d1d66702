/** Dashboards: CloudWatch requests, 4XX/5XX rates and latency of a stage (base against canary) or an API. */
export { MetricsDashboard } from './components/MetricsDashboard.tsx';
/** The charts alone, drawn from a metrics response (for benchmarks): import lazily, it carries recharts. */
export const loadDashboardCharts = () => import('./components/DashboardCharts.tsx');
/** The dashboards' range and pause, shared with other views of the same page (status codes). */
export { useDashboardState } from './state.ts';
