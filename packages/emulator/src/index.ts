/** Local AWS for Gateway Console: API Gateway and CloudWatch on one port. */
export { CANARY_STAGE_SUFFIX, metricsStageName } from './cloudwatch/apigateway-metrics.ts';
export { DEFAULT_AUTHORIZER_TOKEN, EXECUTE_API_PREFIX } from './dataplane/dataplane.ts';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.ts';
export { EMULATOR_ACCOUNT_ID } from './state.ts';
