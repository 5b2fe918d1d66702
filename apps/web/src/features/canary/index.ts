/** The canary feature's public surface. */
export { CanaryPanel } from './components/CanaryPanel.tsx';
export { StageVerdictBadge } from './components/StageVerdictBadge.tsx';
