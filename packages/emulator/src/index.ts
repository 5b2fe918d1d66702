/** Local AWS for Gateway Console: API Gateway and CloudWatch on one port. */
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.ts';
