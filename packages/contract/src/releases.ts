import { z } from 'zod';
import { AwsId, StageName } from './schemas.ts';

// Releases: what differs between two deployments, and what a stage does not run yet.

export const MethodRef = z.object({ path: z.string(), method: z.string() });
export type MethodRef = z.infer<typeof MethodRef>;

/** One compared value; null where one side has none. */
export const FieldChange = z.object({
  name: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const MethodChange = MethodRef.extend({ fields: z.array(FieldChange) });
export type MethodChange = z.infer<typeof MethodChange>;

export const DeploymentDiff = z.object({
  added: z.array(MethodRef),
  removed: z.array(MethodRef),
  changed: z.array(MethodChange),
  /**
   * The method fields compared. AWS shows a deployment's integrations only through the export of a stage
   * running it; for a deployment no stage runs, only what `embed=apisummary` lists is compared.
   */
  compared: z.array(z.string()),
  /** Stage variables the change brings (with `stage`: a canary's overrides over the stage's variables). */
  variables: z.array(FieldChange),
});
export type DeploymentDiff = z.infer<typeof DeploymentDiff>;

export const DeploymentDiffQuery = z.strictObject({
  from: AwsId,
  to: AwsId,
  /** The stage the change is for: its canary's variable overrides count when `to` is the canary's deployment. */
  stage: StageName.optional(),
});
export type DeploymentDiffQuery = z.infer<typeof DeploymentDiffQuery>;

/** The API's current definition against what the stage runs: `added` = not deployed yet, `removed` = deleted since. */
export const StageDrift = DeploymentDiff.extend({ deploymentId: z.string() });
export type StageDrift = z.infer<typeof StageDrift>;
