import {
  APIGatewayClient,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { startEmulator } from '../server.ts';

export interface ControlPlaneUnderTest {
  client: APIGatewayClient;
  /** Base URL of the endpoint under test. */
  endpoint: string;
  /** True when the tests run against this package's emulator (not another one via AWS_ENDPOINT_URL). */
  ours: boolean;
  close(): Promise<void>;
}

/** How the tests' SDK clients reach an endpoint: test credentials, one attempt (they assert on the first answer, including 429s). */
export const sdkClientConfig = (endpoint: string) => ({
  endpoint,
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

/**
 * The API Gateway endpoint the tests drive through the real SDK: `AWS_ENDPOINT_URL` when set
 * (another emulator), otherwise this package's emulator on a free port.
 */
export async function controlPlaneUnderTest(
  options: { ownEmulator?: boolean } = {},
): Promise<ControlPlaneUnderTest> {
  // ownEmulator: for tests of emulator-only features (fault injection), which no other endpoint has.
  const external = options.ownEmulator ? undefined : process.env.AWS_ENDPOINT_URL;
  const emulator = external ? undefined : await startEmulator({ port: 0, seed: 'none' });
  const endpoint = external ?? emulator!.url;
  const client = new APIGatewayClient(sdkClientConfig(endpoint));
  return {
    client,
    endpoint,
    ours: !external,
    close: async () => {
      client.destroy();
      await emulator?.close();
    },
  };
}

/** A fresh API with `GET /` on a MOCK integration, so it can be deployed. */
export async function createDeployableApi(client: APIGatewayClient, name: string) {
  const api = await client.send(
    new CreateRestApiCommand({ name, endpointConfiguration: { types: ['REGIONAL'] } }),
  );
  const restApiId = api.id!;
  const rootId = api.rootResourceId!;
  await client.send(
    new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' }),
  );
  await client.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: rootId,
      httpMethod: 'GET',
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }),
  );
  return { restApiId, rootId };
}

/** What AWS answered when a call failed: the error type (header), status and message. */
export interface AwsFailure {
  name: string;
  status: number | undefined;
  message: string;
}

/** Awaits a call that must fail and returns its error as the SDK parsed it; fails the test if it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<AwsFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name ?? '', status: e.$metadata?.httpStatusCode, message: e.message ?? '' };
  }
  throw new Error('expected the call to fail, and it succeeded');
}
