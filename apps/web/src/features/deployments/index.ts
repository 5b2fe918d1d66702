/** The deployments feature's public surface for other features. */
export { deploymentKeys, deploymentListQuery } from './api/keys.ts';
export { deploymentDiffQuery, stageDriftQuery } from './api/releases.ts';
export { DeployButton } from './components/DeployDialog.tsx';
export { DeploymentDiffView } from './components/DeploymentDiffView.tsx';
export { DeploymentsTable } from './components/DeploymentsTable.tsx';
export { DriftBanner } from './components/DriftBanner.tsx';
