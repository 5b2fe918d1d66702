import {
  type APIGatewayClient,
  GetRestApisCommand,
  GetStagesCommand,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import type { ApiSummary, EndpointType } from '@gateway-console/contract';

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
  constructor(private readonly client: APIGatewayClient) {}

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
