/** The rollouts feature's public surface: the stage page's Rollout region and Start rollout dialog. */
export { RolloutPanel } from './components/RolloutPanel.tsx';
