import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { STSClient } from '@aws-sdk/client-sts';
import type { Deps } from '../context.ts';
import { namesDeniedActions } from './access-denied.ts';
import type { CallBudget } from './budget.ts';
import { Gateway } from './gateway.ts';
import { EnvironmentInfo, type EnvironmentSettings } from './identity.ts';
import { Logs } from './logs.ts';
import { Metrics } from './metrics.ts';
import { awsRequestHandler } from './timeouts.ts';

/** Where and how the SDK clients reach AWS (or an endpoint standing in for it). */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler?: { requestTimeout: number; throwOnRequestTimeout: boolean };
  /** How long API Gateway reads are shared (default: the Gateway's 2 s). */
  readCacheMs?: number;
  /** The API Gateway calls' budget (default: DEFAULT_CALLS_PER_SECOND for this process alone). */
  budget?: CallBudget;
}

/** Every AWS-facing dependency of the BFF, built once from one client configuration. */
export function awsDeps(
  aws: AwsClientConfig,
  environment: Partial<Omit<EnvironmentSettings, 'region' | 'endpoint'>> = {},
): Pick<Deps, 'gateway' | 'metrics' | 'logs' | 'environment'> {
  const { readCacheMs, budget, ...clientConfig } = aws;
  const client = { requestHandler: awsRequestHandler, ...clientConfig };
  return {
    gateway: new Gateway({ ...client, readCacheMs, budget }),
    metrics: new Metrics(namesDeniedActions(new CloudWatchClient(client), 'cloudwatch')),
    logs: new Logs(namesDeniedActions(new CloudWatchLogsClient(client), 'logs')),
    environment: new EnvironmentInfo(new STSClient(client), {
      kind: environment.kind ?? (aws.endpoint ? 'endpoint' : 'aws'),
      region: aws.region,
      endpoint: aws.endpoint,
      name: environment.name,
      colour: environment.colour,
    }),
  };
}
