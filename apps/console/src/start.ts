// `pnpm start`: the demo composition — the embedded emulator (its own thread, demo data and traffic) unless
// AWS_ENDPOINT_URL names another endpoint, the demo users admin / operator / viewer, and the BFF.
import { Worker } from 'node:worker_threads';
import { type AwsTarget, loadConfig, seedDemoUsers, startServer, stopOnSignals } from '@gateway-console/bff';
import type { EmulatorOptions } from '@gateway-console/emulator';

const config = loadConfig('start');
/** `CONSOLE_DEMO_SEED=large`: the demo in an account at AWS's default quotas (600 APIs, 3,000 stages). */
const seed = process.env.CONSOLE_DEMO_SEED === 'large' ? 'large' : 'demo';
/** `CONSOLE_DEMO_LOAD=off`: the demo traffic without its rollout load (~60 req/s on the two canary stages). */
const demoLoad = process.env.CONSOLE_DEMO_LOAD !== 'off';

/** The emulator on its own worker thread: seeding, demo traffic and its data plane never wait on the BFF. */
function startEmbeddedEmulator(): { target: Promise<AwsTarget>; worker: Worker } {
  // The launcher's TypeScript runs through tsx: the worker registers it before loading its entry point.
  const entry = JSON.stringify(new URL('./emulator-worker.ts', import.meta.url).href);
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`,
    {
      eval: true,
      // AWS's control-plane quotas on: the demo, every journey and test live under AWS's real limits.
      workerData: {
        port: config.emulatorPort,
        region: config.region,
        seed,
        quotas: 'aws',
        demoLoad,
      } satisfies EmulatorOptions,
    },
  );
  const target = new Promise<AwsTarget>((resolve, reject) => {
    worker.once('message', (endpoint: string) => {
      console.log(
        `Embedded emulator with ${seed === 'large' ? 'LARGE ' : ''}DEMO data and AWS's quotas on ${endpoint}`,
      );
      resolve({ endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    });
    worker.once('error', reject);
  });
  return { target, worker };
}

const embedded = config.endpointUrl ? undefined : startEmbeddedEmulator();
const running = await startServer(config, {
  aws: embedded?.target ?? { endpoint: config.endpointUrl },
  demo: embedded !== undefined,
  prepare: async (storage) => {
    const seeded = await seedDemoUsers(storage.db, config.demoPassword);
    if (seeded) {
      console.log(`Demo users ${seeded.created.join(', ')} created with password: ${seeded.password}`);
    }
  },
});
stopOnSignals(running, () => void embedded?.worker.terminate());
