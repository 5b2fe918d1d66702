import type { ApiDetail, LoggedRequest, MethodSetting, Stage } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import { effectiveThrottle, likelyCause } from './causes.ts';

const setting = (rate: number, burst: number): MethodSetting => ({
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  throttlingRateLimit: rate,
  throttlingBurstLimit: burst,
  metricsEnabled: false,
  loggingLevel: 'OFF',
});

const stage = (methodSettings: Record<string, MethodSetting>): Stage => ({
  apiId: 'a1',
  name: 'prod',
  description: '',
  deploymentId: 'd1',
  createdDate: '2026-12-01T00:00:00.000Z',
  lastUpdatedDate: '2026-12-01T00:00:00.000Z',
  variables: {},
  cacheClusterEnabled: false,
  methodSettings,
  canary: null,
  accessLog: null,
  invokeUrl: 'https://a1.execute-api.us-east-1.amazonaws.com/prod',
  etag: '"1"',
});

const api = {
  resources: [
    {
      id: 'r1',
      path: '/pets',
      methods: [
        {
          httpMethod: 'GET',
          authorizationType: 'NONE',
          apiKeyRequired: false,
          integration: { type: 'HTTP_PROXY', timeoutInMillis: 2000 },
        },
      ],
    },
    {
      id: 'r2',
      path: '/orders',
      methods: [
        {
          httpMethod: 'POST',
          authorizationType: 'NONE',
          apiKeyRequired: true,
          integration: { type: 'HTTP_PROXY' },
        },
      ],
    },
  ],
} as unknown as ApiDetail;

const request = (
  status: number,
  resourcePath: string,
  method: string,
  integrationLatencyMs: number | null = null,
): LoggedRequest => ({
  requestId: 'r',
  time: '2026-12-01T00:00:00.000Z',
  method,
  path: `/prod${resourcePath}`,
  resourcePath,
  status,
  latencyMs: 1,
  integrationLatencyMs,
  errorType: null,
  errorMessage: null,
  side: 'base',
});

describe('the likely cause of a status in this stage', () => {
  it('takes the smallest of the account, stage and method limits, whichever sets it', () => {
    expect(effectiveThrottle(stage({}), '/pets', 'GET')).toEqual({
      rate: 10_000,
      burst: 5_000,
      limitedBy: 'account',
    });
    expect(effectiveThrottle(stage({ '*/*': setting(100, 50) }), '/pets', 'GET')).toEqual({
      rate: 100,
      burst: 50,
      limitedBy: 'stage',
    });
    const both = stage({ '*/*': setting(100, 50), '~1pets/GET': setting(10, 80) });
    expect(effectiveThrottle(both, '/pets', 'GET')).toEqual({ rate: 10, burst: 50, limitedBy: 'method' });
    // A method above the stage's limit still gets the stage's.
    expect(
      effectiveThrottle(stage({ '*/*': setting(5, 5), '~1pets/GET': setting(500, 500) }), '/pets', 'GET')
        .rate,
    ).toBe(5);
  });

  it('names the throttled methods for a 429 and links to the throttling settings', () => {
    const cause = likelyCause(429, stage({ '~1orders/POST': setting(2, 1) }), api, [
      request(429, '/orders', 'POST'),
    ]);
    expect(cause?.details).toEqual(['POST /orders: 2 req/s, burst 1 — set by this method’s own limit']);
    expect(cause?.link?.href).toBe('#throttling-heading');
  });

  it('names the integration timeout and the methods that come near it for a 504', () => {
    const cause = likelyCause(504, stage({}), api, [request(504, '/pets', 'GET', 1900)]);
    expect(cause?.details).toEqual(['GET /pets: timeout 2 s, slowest recent integration 1900 ms']);
  });

  it('names the methods that need an API key for a 403', () => {
    expect(likelyCause(403, stage({}), api, [])?.details).toEqual(['API key required by: POST /orders']);
  });
});
