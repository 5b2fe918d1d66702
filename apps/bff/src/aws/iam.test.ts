import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as apiGateway from '@aws-sdk/client-api-gateway';
import * as cloudWatch from '@aws-sdk/client-cloudwatch';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';

// The IAM policies in the README are checked against what the BFF can really send: every SDK command a
// runtime file imports, turned into the IAM action and resource AWS authorizes it by.

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
}
interface Policy {
  Statement: Statement[];
}
interface Needed {
  command: string;
  action: string;
  resource: string;
}

const src = join(import.meta.dirname, '..');
const policy = (name: string): Policy =>
  JSON.parse(readFileSync(join(src, '..', 'iam', `${name}-policy.json`), 'utf8'));

/** `Command` classes a runtime (non-test) file of apps/bff/src imports, with the SDK package each is from. */
function commandsSent(): Array<{ command: string; from: string }> {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  const found = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8');
    for (const [, names, from] of text.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[\w-]+)'/g,
    )) {
      for (const name of names!.split(',').map((n) => n.replace(/^\s*type\s+/, '').trim())) {
        if (/^[A-Z]\w*Command$/.test(name)) found.set(name, from!);
      }
    }
  }
  return [...found].map(([command, from]) => ({ command, from }));
}

const labels = {
  restApiId: 'api1',
  stageName: 'prod',
  deploymentId: 'dep1',
  exportType: 'oas30',
  resourceId: 'res1',
};

/** API Gateway authorizes `apigateway:{HTTP method}` on the request's path: asked of the SDK's own serializer. */
async function apiGatewayNeed(command: string): Promise<Needed> {
  const client = new apiGateway.APIGatewayClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  let seen: { method: string; path: string } | undefined;
  client.middlewareStack.add(
    () => async (args) => {
      const request = args.request as { method: string; path: string };
      seen = { method: request.method, path: request.path };
      throw new Error('captured');
    },
    { step: 'build', name: 'captureRequest' },
  );
  const Command = (
    apiGateway as unknown as Record<string, new (input: object) => apiGateway.GetStageCommand>
  )[command];
  if (!Command) throw new Error(`${command} is not in @aws-sdk/client-api-gateway`);
  await client.send(new Command({ ...labels, name: 'x' })).catch(() => undefined);
  if (!seen) throw new Error(`${command} was not serialized`);
  return {
    command,
    action: `apigateway:${seen.method}`,
    resource: `arn:aws:apigateway:us-east-1::${seen.path}`,
  };
}

/** What each command needs; STS GetCallerIdentity needs no permission (AWS: "No permissions are required"). */
async function needs(): Promise<Needed[]> {
  const all: Needed[] = [];
  for (const { command, from } of commandsSent()) {
    const operation = command.replace(/Command$/, '');
    if (from === '@aws-sdk/client-api-gateway') all.push(await apiGatewayNeed(command));
    else if (from === '@aws-sdk/client-cloudwatch') {
      expect(cloudWatch).toHaveProperty(command);
      all.push({ command, action: `cloudwatch:${operation}`, resource: '*' });
    } else if (from === '@aws-sdk/client-cloudwatch-logs') {
      expect(logs).toHaveProperty(command);
      all.push({
        command,
        action: `logs:${operation}`,
        resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/access-logs',
      });
    } else if (from === '@aws-sdk/client-sts' && command === 'GetCallerIdentityCommand') continue;
    else throw new Error(`${command} from ${from}: say which IAM action it needs`);
  }
  return all;
}

const matches = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`).test(value);
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** True when an Allow statement covers the action on the resource (IAM wildcards; no Deny in our policies). */
function allows(p: Policy, need: Needed): boolean {
  return p.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).some((a) => matches(a, need.action)) &&
      list(s.Resource).some((r) => matches(r, need.resource)),
  );
}

const missing = (p: Policy, all: Needed[]) => all.filter((need) => !allows(p, need)).map((n) => n.command);
const isRead = (need: Needed) =>
  need.action === 'apigateway:GET' ||
  /^(cloudwatch:Get|logs:(Describe|StartQuery|GetQuery|StopQuery))/.test(need.action);

describe('IAM policies cover what the BFF sends', () => {
  it('finds the SDK commands of the BFF’s runtime files', async () => {
    const all = await needs();
    expect(all.map((n) => n.command)).toEqual(
      expect.arrayContaining([
        'GetStageCommand',
        'UpdateStageCommand',
        'GetMetricDataCommand',
        'StartQueryCommand',
      ]),
    );
    expect(all.find((n) => n.command === 'FlushStageCacheCommand')).toMatchObject({
      action: 'apigateway:DELETE',
      resource: 'arn:aws:apigateway:us-east-1::/restapis/api1/stages/prod/cache/data',
    });
  });

  it('the operator policy allows every command; the read-only policy every read and no change', async () => {
    const all = await needs();
    expect(missing(policy('operator'), all)).toEqual([]);
    const reads = all.filter(isRead);
    expect(missing(policy('read-only'), reads)).toEqual([]);
    const changes = all.filter((n) => !isRead(n));
    expect(changes.length).toBeGreaterThan(0);
    expect(missing(policy('read-only'), changes)).toEqual(changes.map((n) => n.command));
  });

  it('fails when the policy lacks any one action a command needs', async () => {
    const all = await needs();
    const operator = policy('operator');
    for (const [i, statement] of operator.Statement.entries()) {
      for (const action of list(statement.Action)) {
        const without: Policy = {
          Statement: operator.Statement.map((s, j) =>
            j === i ? { ...s, Action: list(s.Action).filter((a) => a !== action) } : s,
          ),
        };
        const lost = missing(without, all);
        expect(lost.length, `dropping ${action} from ${statement.Action}`).toBeGreaterThan(0);
      }
    }
  });
});
