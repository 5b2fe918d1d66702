/** Errors by status code from a stage's access logs: chart, explanations, recent failing requests. */

/** The API dashboard's Status codes across its stages. */
export { ApiStatusCodes } from './components/ApiStatusCodes.tsx';
export { StatusCodesPanel } from './components/StatusCodesPanel.tsx';
/** Under the 4XX chart: the 429s apart from the other 4XX, when the stage has access logs. */
export { ThrottledApart } from './components/ThrottledApart.tsx';
