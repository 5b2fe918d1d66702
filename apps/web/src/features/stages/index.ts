/** The stages feature's public surface for other features. */
export { stageChanged, stageKeys, stageListQuery, stagePath, stageQuery } from './api/keys.ts';
export { reportIfStale } from './api/staleView.ts';
export { useStageMutation } from './api/useStageMutation.ts';
export { CreateStageButton } from './components/CreateStageDialog.tsx';
export { StageDeletedNotice } from './components/DeleteStage.tsx';
export { StagesTable } from './components/StagesTable.tsx';
export { StaleStageDialog } from './components/StaleStageDialog.tsx';
export { VariablesEditor } from './components/VariablesEditor.tsx';
export type { VariableRow } from './components/variableRows.ts';
export { rowProblems, rowsOf, variablesChange } from './components/variableRows.ts';
