/** The canary feature's public surface. */
export { CanaryPanel } from './components/CanaryPanel.tsx';
