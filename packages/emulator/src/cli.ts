#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { DEFAULT_AUTHORIZER_TOKEN } from './dataplane/dataplane.ts';
import { startEmulator } from './server.ts';

const USAGE = `gateway-emulator [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--seed demo|none]
                 [--no-traffic] [--random-seed N] [--authorizer-token TOKEN] [--state-file PATH]

  --seed demo          demo APIs, 6 h of backfilled metrics and live demo traffic (default)
  --no-traffic         with --seed demo: no live demo traffic
  --random-seed N      repeatable canary draws, demo backend and demo traffic
  --state-file PATH    load APIs, stages, deployments and keys from PATH when it exists (instead
                       of seeding) and save them there on exit
  --authorizer-token   token the emulated Lambda/Cognito authorizers accept, sent as
                       "Authorization: Bearer TOKEN" (default "${DEFAULT_AUTHORIZER_TOKEN}")

Invoke URLs: http://HOST:PORT/_aws/execute-api/{apiId}/{stage}/{path}`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.EMULATOR_PORT ?? '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: 'demo' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' },
    'no-traffic': { type: 'boolean', default: false },
    'random-seed': { type: 'string' },
    'authorizer-token': { type: 'string' },
    'state-file': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.seed !== 'none' && values.seed !== 'demo') {
  console.error(`--seed must be "none" or "demo", not "${values.seed}"\n\n${USAGE}`);
  process.exit(2);
}
const randomSeed = values['random-seed'] === undefined ? undefined : Number(values['random-seed']);
if (randomSeed !== undefined && !Number.isInteger(randomSeed)) {
  console.error(`--random-seed must be an integer, not "${values['random-seed']}"`);
  process.exit(2);
}
const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  region: values.region,
  seed: values.seed,
  demoTraffic: !values['no-traffic'],
  randomSeed,
  authorizerToken: values['authorizer-token'],
  stateFile: values['state-file'],
});
console.log(
  `Emulator (API Gateway + CloudWatch) on ${emulator.url}${values.seed === 'demo' ? ' with DEMO data' : ''}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void emulator.close().then(() => process.exit(0)));
