/** The apis feature's public surface for other features. */
export { apiDetailQuery, apiKeys, apiListQuery } from './api/keys.ts';
