/** What the resilience suite counts; every number but `casesTried` must stay 0. */
export interface Tally {
  casesTried: number;
  serverErrors: number;
  bypasses: number;
  lostUpdates: number;
  duplicateDeployments: number;
}

export const emptyTally = (): Tally => ({
  casesTried: 0,
  serverErrors: 0,
  bypasses: 0,
  lostUpdates: 0,
  duplicateDeployments: 0,
});

/** Adds `part` into `total`. */
export function addTally(total: Tally, part: Partial<Tally>): Tally {
  for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += part[key] ?? 0;
  return total;
}

/** The line CI prints at the end of the suite. */
export const summaryLine = (t: Tally) =>
  `[resilience] cases tried: ${t.casesTried}, 5xx seen: ${t.serverErrors}, bypasses: ${t.bypasses}, ` +
  `lost updates: ${t.lostUpdates}, duplicate deployments: ${t.duplicateDeployments}`;
