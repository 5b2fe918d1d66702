#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { startEmulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.EMULATOR_PORT ?? '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: 'demo' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' },
  },
});
if (values.seed !== 'none' && values.seed !== 'demo') {
  console.error(`--seed must be "none" or "demo", not "${values.seed}"`);
  process.exit(2);
}
const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  region: values.region,
  seed: values.seed,
});
console.log(
  `Emulator (API Gateway + CloudWatch) on ${emulator.url}${values.seed === 'demo' ? ' with DEMO data' : ''}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void emulator.close().then(() => process.exit(0)));
