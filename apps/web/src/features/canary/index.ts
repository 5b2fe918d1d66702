/** The canary feature's public surface. */
export { CanaryPanel } from './components/CanaryPanel.tsx';
export {
  VerdictChecks,
  verdictHeadlines,
  verdictMetricLabels,
} from './components/CanaryVerdictStatus.tsx';
export { StageVerdictBadge } from './components/StageVerdictBadge.tsx';
