// Test support: what the account holds, read as any AWS client would (through the SDK), never from the
// emulator's internal state.
import {
  type APIGatewayClient,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  paginateGetRestApis,
} from '@aws-sdk/client-api-gateway';

export interface AccountStage {
  apiId: string;
  apiName: string;
  stage: string;
  /** The deployment the stage serves. */
  deploymentId: string;
  hasCanary: boolean;
  /** Every deployment of the stage's API. */
  apiDeploymentIds: string[];
}

/** Every stage of every REST API of the account (or of the APIs named `apiName`), in AWS's order. */
export async function accountStages(sdk: APIGatewayClient, apiName?: string): Promise<AccountStage[]> {
  const stages: AccountStage[] = [];
  for await (const page of paginateGetRestApis({ client: sdk, pageSize: 500 }, {})) {
    for (const api of page.items ?? []) {
      if (apiName !== undefined && api.name !== apiName) continue;
      const restApiId = api.id!;
      const [{ item = [] }, { items: deployments = [] }] = await Promise.all([
        sdk.send(new GetStagesCommand({ restApiId })),
        sdk.send(new GetDeploymentsCommand({ restApiId, limit: 500 })),
      ]);
      for (const stage of item) {
        stages.push({
          apiId: restApiId,
          apiName: api.name ?? '',
          stage: stage.stageName!,
          deploymentId: stage.deploymentId!,
          hasCanary: stage.canarySettings !== undefined,
          apiDeploymentIds: deployments.map((d) => d.id!),
        });
      }
    }
  }
  return stages;
}

/** One stage as AWS has it, in the contract's terms (what an audit row's `after` holds). */
export async function stageInAws(sdk: APIGatewayClient, restApiId: string, stageName: string) {
  const stage = await sdk.send(new GetStageCommand({ restApiId, stageName }));
  return {
    deploymentId: stage.deploymentId,
    description: stage.description ?? '',
    variables: stage.variables ?? {},
    canary: stage.canarySettings
      ? {
          deploymentId: stage.canarySettings.deploymentId,
          percentTraffic: stage.canarySettings.percentTraffic ?? 0,
        }
      : null,
  };
}
