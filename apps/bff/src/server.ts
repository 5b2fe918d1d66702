import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app.ts';
import { LONGEST_CHANGE_MS, reconcileInterruptedChanges } from './audit/reconcile.ts';
import { CallBudget } from './aws/budget.ts';
import { shareBudget } from './aws/budget-share.ts';
import { awsDeps } from './aws/clients.ts';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import { openStorage, type Storage } from './db/database.ts';
import { listen } from './http/listen.ts';
import { startRolloutRunner } from './rollouts/runner.ts';

/** Where the SDK sends requests: AWS itself (both unset), or an endpoint such as LocalStack or an emulator. */
export interface AwsTarget {
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface StartOptions {
  /** May still be on its way (an emulator starting): the database opens meanwhile. Default: `config.endpointUrl`. */
  aws?: AwsTarget | Promise<AwsTarget>;
  /** The launcher's embedded emulator: the header says "Demo". */
  demo?: boolean;
  /** Runs on the opened database before the console listens (the launcher seeds its demo users here). */
  prepare?: (storage: Storage) => Promise<void>;
}

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** The console's one entry into the network: the BFF and the built web app on `config.host:config.port`. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const opening = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { endpoint, credentials } = await (options.aws ?? { endpoint: config.endpointUrl });
  const storage = await opening;
  await options.prepare?.(storage);
  // The account's budget, split between the replicas sharing this database.
  const budget = new CallBudget(config.awsCallsPerSecond);
  const budgetShare = await shareBudget(storage, budget);
  const aws = awsDeps(
    { region: config.region, endpoint, credentials, budget },
    { ...config.environment, kind: options.demo ? 'demo' : undefined },
  );
  const { gateway } = aws;
  const deps: Deps = {
    ...aws,
    storage,
    behindHttpsProxy: config.behindHttpsProxy,
    sessionRecheckMs: config.sessionRecheckMs,
    oidc: config.oidc,
    trustedProxy: config.trustedProxy,
    clientAddressHeader: config.clientAddressHeader,
    passwordSignIn: config.passwordSignIn,
    sessionIdleMs: config.sessionIdleMs,
  };
  const app = createApp(deps);

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
  const url = `http://${config.host}:${port}`;
  // Read per request, set before the first one can arrive.
  deps.allowedOrigins = config.publicOrigins ?? listenOrigins(config.host, port);
  if (!deps.allowedOrigins) {
    console.warn(
      `CONSOLE_PUBLIC_ORIGIN is not set and ${config.host} is not one address browsers use: changes are checked against the Host header, which DNS rebinding can forge. Set CONSOLE_PUBLIC_ORIGIN=https://console.example.com.`,
    );
  }
  console.log(`Gateway Console on ${url}`);

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
  let timer: NodeJS.Timeout | undefined;
  if (storage.kind === 'pglite') {
    void reconcile(startedAt);
  } else {
    const reconcileOld = () => reconcile(new Date(Date.now() - LONGEST_CHANGE_MS));
    void reconcileOld();
    timer = setInterval(reconcileOld, LONGEST_CHANGE_MS / 2).unref();
  }
  // Progressive rollouts are driven here, by whichever replica holds each rollout's lease.
  const rolloutRunner = startRolloutRunner(deps);
  return {
    url,
    server,
    async close() {
      clearInterval(timer);
      await rolloutRunner.stop();
      await budgetShare.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The origins a browser uses for the listen address, when CONSOLE_PUBLIC_ORIGIN does not say: a loopback
 * address by any of its names; one named host; undefined for a wildcard (0.0.0.0, ::), which says nothing.
 */
export function listenOrigins(host: string, port: number): string[] | undefined {
  if (loopback.has(host)) {
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  }
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return undefined;
  return [
    new URL(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`).origin,
  ];
}

/** Ctrl-C or a stop signal: stop listening, close the database, exit 0 without a word. */
export function stopOnSignals(running: { close(): Promise<void> }, also: () => void = () => {}): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      also();
      // Open keep-alive connections would hold close() up: the process ends anyway.
      setTimeout(() => process.exit(0), 2_000).unref();
      void running.close().finally(() => process.exit(0));
    });
  }
}
