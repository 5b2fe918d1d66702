import type { ApiDetail, Method } from '@gateway-console/contract';

type AuthKind = 'open' | 'apiKey' | 'iam' | 'cognito' | 'lambda';

/** The way a caller gets through one method, as operators name it. */
export function authKinds(method: Method): AuthKind[] {
  const kinds: AuthKind[] = [];
  if (method.authorizationType === 'AWS_IAM') kinds.push('iam');
  if (method.authorizationType === 'COGNITO_USER_POOLS') kinds.push('cognito');
  if (method.authorizationType === 'CUSTOM') kinds.push('lambda');
  if (method.apiKeyRequired) kinds.push('apiKey');
  if (kinds.length === 0) kinds.push('open');
  return kinds;
}

export const authLabels: Record<AuthKind, string> = {
  open: 'Open',
  apiKey: 'API key',
  iam: 'IAM',
  cognito: 'Cognito',
  lambda: 'Lambda authorizer',
};

const sentences: Record<AuthKind, (authorizers: string) => string> = {
  open: () => 'Open: anyone who knows the URL can call these methods; no credentials are checked.',
  apiKey: () =>
    'API key: callers send a key of a usage plan in the x-api-key header, which also meters and throttles them.',
  iam: () => 'IAM: callers sign requests with AWS credentials (SigV4) and IAM policies decide who may call.',
  cognito: (names) =>
    `Cognito${names}: callers sign in to a Cognito user pool and send its token; API Gateway verifies it.`,
  lambda: (names) =>
    `Lambda authorizer${names}: a Lambda function checks each caller's token and returns a policy, cached for a while.`,
};

/** One sentence per kind of authentication the API's methods use, in the order operators meet them. */
export function explainAuth(api: ApiDetail): { kind: AuthKind; sentence: string }[] {
  const kinds = new Set<AuthKind>();
  const authorizers = new Set<string>();
  for (const resource of api.resources)
    for (const method of resource.methods) {
      for (const kind of authKinds(method)) kinds.add(kind);
      if (method.authorizerName) authorizers.add(method.authorizerName);
    }
  const names = authorizers.size ? ` (${[...authorizers].join(', ')})` : '';
  return (['open', 'apiKey', 'iam', 'cognito', 'lambda'] as const)
    .filter((kind) => kinds.has(kind))
    .map((kind) => ({ kind, sentence: sentences[kind](names) }));
}
