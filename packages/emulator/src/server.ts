import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { apiGatewayApp } from './apigateway/app.ts';
import { seedDemo } from './seed/demo.ts';
import { EmulatorState } from './state.ts';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  region?: string;
  seed?: 'none' | 'demo';
}

export interface RunningEmulator {
  /** Base URL to use as the SDK's endpoint, e.g. http://127.0.0.1:4566. */
  url: string;
  state: EmulatorState;
  close(): Promise<void>;
}

/** Starts the emulator: one HTTP server for API Gateway's control plane (and, later, data plane and CloudWatch). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(options.region ?? 'us-east-1');
  const controlPlane = getRequestListener(apiGatewayApp(state).fetch);
  const server: Server = createServer((req, res) => controlPlane(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  if (options.seed === 'demo') seedDemo(state, { upstreamUrl: `${url}/_demo/upstream` });
  return {
    url,
    state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
