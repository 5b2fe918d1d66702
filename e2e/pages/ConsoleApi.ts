import type {
  ApiDetail,
  ApiList,
  AuditPage,
  CreateStageRequest,
  DeploymentList,
  PutCanaryRequest,
  Stage,
} from '@gateway-console/contract';
import { type APIRequestContext, expect } from '@playwright/test';

const csrf = { 'X-Requested-With': 'gateway-console' };

/** The BFF's HTTP API as the tests use it to set up and to check what the UI did. */
export class ConsoleApi {
  constructor(readonly request: APIRequestContext) {}

  private async json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
    expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async apiIdByName(name: string): Promise<string> {
    const list = await this.json<ApiList>(await this.request.get('/api/apis'));
    const api = list.items.find((a) => a.name === name);
    if (!api) throw new Error(`no API named ${name}`);
    return api.id;
  }

  async api(apiId: string): Promise<ApiDetail> {
    return this.json(await this.request.get(`/api/apis/${apiId}`));
  }

  async stage(apiId: string, stage: string): Promise<Stage> {
    return this.json(await this.request.get(`/api/apis/${apiId}/stages/${stage}`));
  }

  /** Deployments, oldest first. */
  async deployments(apiId: string) {
    const list = await this.json<DeploymentList>(await this.request.get(`/api/apis/${apiId}/deployments`));
    return [...list.items].sort((a, b) => a.createdDate.localeCompare(b.createdDate));
  }

  async createStage(apiId: string, request: CreateStageRequest): Promise<Stage> {
    return this.json(await this.request.post(`/api/apis/${apiId}/stages`, { data: request, headers: csrf }));
  }

  async putCanary(apiId: string, stage: string, request: PutCanaryRequest): Promise<Stage> {
    const { etag } = await this.stage(apiId, stage);
    return this.json(
      await this.request.put(`/api/apis/${apiId}/stages/${stage}/canary`, {
        data: request,
        headers: { ...csrf, 'If-Match': etag },
      }),
    );
  }

  /** Deletes a stage as the operator saw it (admin only). */
  async deleteStage(apiId: string, stage: string): Promise<void> {
    const { etag } = await this.stage(apiId, stage);
    const response = await this.request.delete(`/api/apis/${apiId}/stages/${stage}`, {
      headers: { ...csrf, 'If-Match': etag },
    });
    expect(response.status(), await response.text()).toBe(204);
  }

  async audit(query: Record<string, string>): Promise<AuditPage> {
    return this.json(await this.request.get(`/api/audit?${new URLSearchParams(query)}`));
  }

  /**
   * A fresh stage of the named API serving its oldest deployment with a canary on its newest, so each
   * journey works on its own stage whatever the others did to the seeded ones.
   */
  async stageWithCanary(apiName: string, stage: string, percentTraffic = 10) {
    const apiId = await this.apiIdByName(apiName);
    const deployments = await this.deployments(apiId);
    const base = deployments[0]!;
    const canary = deployments.at(-1)!;
    await this.createStage(apiId, { name: stage, deploymentId: base.id, variables: { version: 'v1' } });
    await this.putCanary(apiId, stage, {
      percentTraffic,
      deploymentId: canary.id,
      stageVariableOverrides: { version: 'v2' },
    });
    return { apiId, base, canary };
  }
}

/** A stage name no other test uses, within API Gateway's rules. */
export const uniqueStage = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
