/** The deployments feature's public surface for other features. */
export { deploymentKeys, deploymentListQuery } from './api/keys.ts';
export { DeploymentsTable } from './components/DeploymentsTable.tsx';
