/** Errors by status code from a stage's access logs: chart, explanations, recent failing requests. */
export { StatusCodesPanel } from './components/StatusCodesPanel.tsx';
/** Under the 4XX chart: the 429s apart from the other 4XX, when the stage has access logs. */
export { ThrottledApart } from './components/ThrottledApart.tsx';
