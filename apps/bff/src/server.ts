import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app.ts';
import { LONGEST_CHANGE_MS, reconcileInterruptedChanges } from './audit/reconcile.ts';
import { seedDemoUsers } from './auth/users.ts';
import { Gateway } from './aws/gateway.ts';
import { Logs } from './aws/logs.ts';
import { Metrics } from './aws/metrics.ts';
import { awsRequestHandler } from './aws/timeouts.ts';
import { configFromEnv } from './config.ts';
import { openStorage } from './db/database.ts';
import { listen } from './http/listen.ts';

// The only file that touches the network: starts the embedded emulator when no endpoint is configured.
const config = configFromEnv();
// The database starts while the emulator starts: both take a moment.
const opening = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let endpoint = config.endpointUrl;
if (!endpoint && process.env.CONSOLE_EMBEDDED_EMULATOR !== 'false') {
  // The BFF's TypeScript runs through tsx: the worker registers it before loading its entry point.
  const entry = JSON.stringify(new URL('./embedded-emulator.ts', import.meta.url).href);
  const emulator = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`,
    { eval: true, workerData: { port: config.emulatorPort, region: config.region, seed: 'demo' } },
  );
  endpoint = await new Promise<string>((resolve, reject) => {
    emulator.once('message', resolve);
    emulator.once('error', reject);
  });
  console.log(`Embedded emulator with DEMO data on ${endpoint}`);
}

const credentials =
  endpoint && !config.endpointUrl ? { accessKeyId: 'test', secretAccessKey: 'test' } : undefined;
const storage = await opening;
const seeded = await seedDemoUsers(storage.db, config.demoPassword);
if (seeded) {
  console.log(`Demo users ${seeded.created.join(', ')} created with password: ${seeded.password}`);
}
const gateway = new Gateway({ region: config.region, endpoint, credentials });
const app = createApp({
  gateway,
  metrics: new Metrics(
    new CloudWatchClient({ region: config.region, endpoint, credentials, requestHandler: awsRequestHandler }),
  ),
  logs: new Logs(
    new CloudWatchLogsClient({
      region: config.region,
      endpoint,
      credentials,
      requestHandler: awsRequestHandler,
    }),
  ),
  storage,
  behindHttpsProxy: config.behindHttpsProxy,
  trustedProxy: config.trustedProxy,
});

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
if (existsSync(webDist)) {
  const indexHtml = readFileSync(`${webDist}/index.html`, 'utf8');
  app.use('/assets/*', serveStatic({ root: webDist }));
  app.use('/favicon.svg', serveStatic({ root: webDist }));
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(indexHtml)));
} else {
  console.warn(`No built web app at ${webDist}: run "pnpm --filter @gateway-console/web build".`);
}

const startedAt = new Date();
const { server, port } = await listen(app.fetch, { port: config.port, hostname: config.host });
console.log(`Gateway Console on http://${config.host}:${port}`);

// Changes a stopped console left `pending` in the audit log are closed with the stage read back from AWS.
// PGlite belongs to this process alone, so every pending row is a leftover; on a shared PostgreSQL another
// replica may be mid-change, so only rows older than any change can take, checked now and then.
const reconcile = async (writtenBefore: Date) => {
  try {
    const closed = await reconcileInterruptedChanges(storage.db, gateway, writtenBefore);
    if (closed > 0)
      console.log(`Audit: ${closed} change(s) interrupted by a stop, closed with the stage read back`);
  } catch (err) {
    console.error('[bff] reconciling interrupted changes failed', err);
  }
};
if (storage.kind === 'pglite') {
  void reconcile(startedAt);
} else {
  const reconcileOld = () => reconcile(new Date(Date.now() - LONGEST_CHANGE_MS));
  void reconcileOld();
  setInterval(reconcileOld, LONGEST_CHANGE_MS / 2).unref();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void storage.close().finally(() => process.exit(0));
  });
}
