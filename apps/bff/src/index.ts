// What the launcher (apps/console) composes; the BFF's runtime never imports the emulator.
export { createApp } from './app.ts';
export { createFirstAdmin, seedDemoUsers } from './auth/users.ts';
export { type Config, ConfigError, configFromEnv, loadConfig } from './config.ts';
export type { Deps } from './context.ts';
export { type AwsTarget, type RunningServer, startServer, stopOnSignals } from './server.ts';
