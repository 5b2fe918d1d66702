/** The stages feature's public surface for other features. */
export { stageChanged, stageKeys, stageListQuery, stagePath, stageQuery } from './api/keys.ts';
export { reportIfStale } from './api/staleView.ts';
export { CreateStageButton } from './components/CreateStageDialog.tsx';
export { StagesTable } from './components/StagesTable.tsx';
