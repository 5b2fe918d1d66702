// The resilience suite's world: the real BFF served over loopback HTTP, its real SDK clients pointed at
// a real emulator through a recorder that counts every AWS call.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { createApp } from '../app.ts';
import { Gateway } from '../aws/gateway.ts';
import { Metrics } from '../aws/metrics.ts';
import { listen } from '../http/listen.ts';
import { openTestStorage, sessionCookie } from '../testing.ts';
import { AwsRecorder } from './aws-recorder.ts';
import { type RawRequest, type RawResponse, send } from './raw-http.ts';

export interface RunningConsole {
  /** The BFF's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  emulator: RunningEmulator;
  /** Every AWS call the BFF made, by operation. */
  aws: AwsRecorder;
  send(req: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Starts emulator (demo seed), recorder and BFF, each on a free loopback port. */
export async function startConsole(): Promise<RunningConsole> {
  const emulator = await startEmulator({ port: 0, seed: 'demo', demoTraffic: false });
  const aws = await AwsRecorder.start(emulator.url);
  const config = {
    region: 'us-east-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const storage = await openTestStorage();
  // Signed in as admin, so every route's input handling is reachable.
  const cookie = await sessionCookie(storage, 'admin');
  const app = createApp({
    gateway: new Gateway(config),
    metrics: new Metrics(new CloudWatchClient(config)),
    storage,
  });
  const { server, port } = await listen(app.fetch, { port: 0, hostname: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    emulator,
    aws,
    send: (req) => send(url, { ...req, headers: { Cookie: cookie, ...req.headers } }),
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await aws.close();
      await emulator.close();
      await storage.close();
    },
  };
}
