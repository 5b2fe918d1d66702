#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { DEFAULT_AUTHORIZER_TOKEN } from './dataplane/dataplane.ts';
import { startEmulator } from './server.ts';

const USAGE = `gateway-emulator [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--seed demo|large|none]
                 [--quotas aws|off] [--no-traffic] [--no-load] [--random-seed N] [--authorizer-token TOKEN] [--state-file PATH]

  --seed demo          demo APIs, 6 h of backfilled metrics and live demo traffic (default)
  --seed large         the demo plus an account at AWS's default quotas: 600 REST APIs, one with 300
                       resources x 4 methods, one with 500 deployments, 3,000 stages, some canaries
  --quotas aws         enforce AWS's control-plane quotas (10 requests/s, burst 40, per-operation
                       limits such as CreateDeployment 1 per 5 s): TooManyRequestsException + Retry-After.
                       Per-second counts by access key: GET /_emulator/quotas
  --no-traffic         with --seed demo or large: no live demo traffic
  --no-load            the demo traffic without its rollout load on PetStore prod and Inventory prod
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
    quotas: { type: 'string', default: 'off' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' },
    'no-traffic': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
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
if (values.seed !== 'none' && values.seed !== 'demo' && values.seed !== 'large') {
  console.error(`--seed must be "none", "demo" or "large", not "${values.seed}"\n\n${USAGE}`);
  process.exit(2);
}
if (values.quotas !== 'aws' && values.quotas !== 'off') {
  console.error(`--quotas must be "aws" or "off", not "${values.quotas}"\n\n${USAGE}`);
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
  quotas: values.quotas,
  demoTraffic: !values['no-traffic'],
  demoLoad: !values['no-load'],
  randomSeed,
  authorizerToken: values['authorizer-token'],
  stateFile: values['state-file'],
});
console.log(
  `Emulator (API Gateway + CloudWatch) on ${emulator.url}${values.seed === 'none' ? '' : ` with ${values.seed === 'large' ? 'LARGE ' : ''}DEMO data`}${values.quotas === 'aws' ? ", AWS's quotas" : ''}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void emulator.close().then(() => process.exit(0)));
