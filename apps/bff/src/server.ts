import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app.ts';
import { Gateway } from './aws/gateway.ts';
import { Metrics } from './aws/metrics.ts';
import { configFromEnv } from './config.ts';

// The only file that touches the network: starts the embedded emulator when no endpoint is configured.
const config = configFromEnv();
let endpoint = config.endpointUrl;
if (!endpoint && process.env.CONSOLE_EMBEDDED_EMULATOR !== 'false') {
  const { startEmulator } = await import('@gateway-console/emulator');
  const emulator = await startEmulator({ port: config.emulatorPort, region: config.region, seed: 'demo' });
  endpoint = emulator.url;
  console.log(`Embedded emulator with DEMO data on ${emulator.url}`);
}

const credentials =
  endpoint && !config.endpointUrl ? { accessKeyId: 'test', secretAccessKey: 'test' } : undefined;
const apiGateway = new APIGatewayClient({ region: config.region, endpoint, credentials });
const cloudWatch = new CloudWatchClient({ region: config.region, endpoint, credentials });
const app = createApp({ gateway: new Gateway(apiGateway), metrics: new Metrics(cloudWatch) });

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
if (existsSync(webDist)) {
  const indexHtml = readFileSync(`${webDist}/index.html`, 'utf8');
  app.use('/assets/*', serveStatic({ root: webDist }));
  app.use('/favicon.svg', serveStatic({ root: webDist }));
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(indexHtml)));
} else {
  console.warn(`No built web app at ${webDist}: run "pnpm --filter @gateway-console/web build".`);
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Gateway Console on http://${config.host}:${info.port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
