import {
  APIGatewayClient,
  type APIGatewayClientConfig,
  GetRestApisCommand,
  GetStagesCommand,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import type { ApiSummary, EndpointType } from '@gateway-console/contract';
import { awsRequestHandler } from './timeouts.ts';

const iso = (date: Date | undefined) => (date ?? new Date(0)).toISOString();

function toApiSummary(api: RestApi, stageCount: number): ApiSummary {
  return {
    id: api.id ?? '',
    name: api.name ?? '',
    description: api.description ?? '',
    endpointType: (api.endpointConfiguration?.types?.[0] ?? 'EDGE') as EndpointType,
    createdDate: iso(api.createdDate),
    apiKeySource: api.apiKeySource,
    stageCount,
    tags: api.tags ?? {},
  };
}

/** API Gateway, in the console's terms: a thin typed wrapper over the SDK client. */
export class Gateway {
  /** Reads and idempotent updates: the SDK's standard retry with backoff on throttling. */
  private readonly client: APIGatewayClient;
  /** CreateDeployment / CreateStage: one attempt, then reconcile by reading, so nothing is created twice. */
  private readonly singleAttemptClient: APIGatewayClient;

  /** Region, endpoint and credentials come from configuration only. */
  constructor(config: APIGatewayClientConfig) {
    this.client = new APIGatewayClient({
      retryMode: 'standard',
      maxAttempts: 3,
      requestHandler: awsRequestHandler,
      ...config,
    });
    this.singleAttemptClient = new APIGatewayClient({
      requestHandler: awsRequestHandler,
      ...config,
      maxAttempts: 1,
    });
  }

  /** Whether API Gateway answers with the configured credentials (the readiness check). */
  async isReachable(): Promise<boolean> {
    try {
      await this.client.send(new GetRestApisCommand({ limit: 1 }));
      return true;
    } catch {
      return false;
    }
  }

  /** Every REST API of the account (all pages), with its stage count. */
  async listApis(): Promise<ApiSummary[]> {
    const apis: RestApi[] = [];
    let position: string | undefined;
    do {
      const page = await this.client.send(new GetRestApisCommand({ limit: 500, position }));
      apis.push(...(page.items ?? []));
      position = page.position;
    } while (position);
    return Promise.all(
      apis.map(async (api) => {
        const stages = await this.client.send(new GetStagesCommand({ restApiId: api.id }));
        return toApiSummary(api, stages.item?.length ?? 0);
      }),
    );
  }
}
