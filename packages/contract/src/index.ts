/** The BFF's JSON API: one zod schema per request and response, shared by web, bff and the OpenAPI document. */
export * from './environment.ts';
export * from './errors.ts';
export * from './metrics.ts';
export * from './releases.ts';
export * from './rollouts.ts';
export * from './rules.ts';
export * from './schemas.ts';
export * from './statusCodes.ts';
export * from './users.ts';
export * from './verdict.ts';
