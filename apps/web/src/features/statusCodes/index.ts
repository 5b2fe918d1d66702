/** Errors by status code from a stage's access logs: chart, explanations, recent failing requests. */
export { StatusCodesPanel } from './components/StatusCodesPanel.tsx';
