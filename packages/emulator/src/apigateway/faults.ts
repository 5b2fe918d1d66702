import { randomUUID } from 'node:crypto';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { AwsError, type AwsErrorType, badRequest, isAwsErrorType } from './errors.ts';

/** The control-plane operations the emulator serves, by their AWS names: what a fault can target. */
export const OPERATIONS = [
  'GetRestApis',
  'GetRestApi',
  'CreateRestApi',
  'UpdateRestApi',
  'DeleteRestApi',
  'ImportRestApi',
  'PutRestApi',
  'GetExport',
  'GetResources',
  'GetResource',
  'CreateResource',
  'UpdateResource',
  'DeleteResource',
  'PutMethod',
  'GetMethod',
  'DeleteMethod',
  'PutMethodResponse',
  'GetMethodResponse',
  'UpdateMethodResponse',
  'DeleteMethodResponse',
  'PutIntegration',
  'GetIntegration',
  'DeleteIntegration',
  'PutIntegrationResponse',
  'GetIntegrationResponse',
  'UpdateIntegrationResponse',
  'DeleteIntegrationResponse',
  'CreateAuthorizer',
  'GetAuthorizers',
  'GetAuthorizer',
  'CreateDeployment',
  'GetDeployment',
  'GetDeployments',
  'DeleteDeployment',
  'CreateStage',
  'GetStage',
  'GetStages',
  'UpdateStage',
  'DeleteStage',
  'FlushStageCache',
  'FlushStageAuthorizersCache',
  'TagResource',
  'UntagResource',
  'GetTags',
  'CreateApiKey',
  'GetApiKeys',
  'GetApiKey',
  'UpdateApiKey',
  'DeleteApiKey',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

/** One injected fault: delay and/or fail the next `remaining` calls of an operation (`*` = every operation). */
export interface FaultRule {
  id: string;
  operation: OperationName | '*';
  error?: AwsErrorType;
  message?: string;
  latencyMs?: number;
  /** Calls still to affect; undefined = until cleared. */
  remaining?: number;
}

export type FaultRequest = Omit<FaultRule, 'id' | 'remaining'> & { count?: number };

const isOperation = (value: unknown): value is OperationName | '*' =>
  value === '*' || (OPERATIONS as readonly unknown[]).includes(value);

/** Emulator-only fault injection for tests and demos; AWS has nothing like it. */
export class FaultInjector {
  private rules: FaultRule[] = [];

  /** `admit` runs first for every call (the account's quotas: `--quotas aws`). */
  constructor(private readonly admit?: (operation: OperationName, c: Context | undefined) => Promise<void>) {}

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  add(request: unknown): FaultRule {
    const input = (request ?? {}) as Partial<Record<keyof FaultRequest, unknown>>;
    if (!isOperation(input.operation)) {
      throw badRequest(`operation must be "*" or one of: ${OPERATIONS.join(', ')}`);
    }
    if (input.error !== undefined && !isAwsErrorType(input.error)) {
      throw badRequest('error must be an API Gateway error type such as TooManyRequestsException');
    }
    const latencyMs = input.latencyMs;
    if (latencyMs !== undefined && (typeof latencyMs !== 'number' || latencyMs < 0 || latencyMs > 60_000)) {
      throw badRequest('latencyMs must be a number from 0 to 60000');
    }
    if (input.error === undefined && latencyMs === undefined) {
      throw badRequest('a fault needs an error, a latencyMs, or both');
    }
    const count = input.count;
    if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1)) {
      throw badRequest('count must be a positive integer (omit it to keep the fault until cleared)');
    }
    if (input.message !== undefined && typeof input.message !== 'string') {
      throw badRequest('message must be a string');
    }
    const rule: FaultRule = {
      id: randomUUID(),
      operation: input.operation,
      error: input.error,
      message: input.message,
      latencyMs,
      remaining: count,
    };
    this.rules.push(rule);
    return { ...rule };
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Waits the latency injected for an operation, then throws the error injected for it, if any. */
  async check(operation: OperationName, c?: Context): Promise<void> {
    await this.admit?.(operation, c);
    const matching = this.rules.filter((r) => r.operation === operation || r.operation === '*');
    const latency = Math.max(0, ...matching.map((r) => r.latencyMs ?? 0));
    const failing = matching.find((r) => r.error !== undefined);
    for (const rule of matching) if (rule.error === undefined || rule === failing) this.consume(rule);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (failing?.error) {
      throw new AwsError(
        failing.error,
        failing.message ?? `Injected fault: ${failing.error} on ${operation}`,
      );
    }
  }

  /** `check` as Hono middleware in front of one operation's handler. */
  for(operation: OperationName): MiddlewareHandler {
    return async (c, next) => {
      await this.check(operation, c);
      await next();
    };
  }

  private consume(rule: FaultRule): void {
    if (rule.remaining === undefined) return;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
  }
}

/** Admin routes under `/_emulator/faults` (outside AWS's paths). */
export function faultRoutes(faults: FaultInjector) {
  return new Hono()
    .get('/', (c) => c.json({ faults: faults.list() }))
    .post('/', async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw badRequest('body must be JSON: {"operation", "error"?, "count"?, "latencyMs"?, "message"?}');
      }
      return c.json(faults.add(body), 201);
    })
    .delete('/', (c) => {
      faults.clear();
      return c.body(null, 204);
    })
    .delete('/:id', (c) => {
      if (!faults.remove(c.req.param('id'))) throw new AwsError('NotFoundException', 'No such fault');
      return c.body(null, 204);
    });
}
