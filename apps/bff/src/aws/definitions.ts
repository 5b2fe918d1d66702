import type { Resource as SdkResource } from '@aws-sdk/client-api-gateway';
import type { FieldChange, MethodChange, MethodRef } from '@gateway-console/contract';

/**
 * What an API (or one deployment of it) runs, method by method (`{path} {METHOD}` → field → value).
 * Each source fills the fields it knows; a diff compares the fields both sides have.
 */
export type Definition = Map<string, Record<string, string>>;

/** The fields a diff may compare, in the order an operator reads them. */
export const definitionFields = [
  'authorizationType',
  'authorizer',
  'apiKeyRequired',
  'integrationType',
  'uri',
  'timeoutInMillis',
  'requestParameters',
  'requestTemplates',
] as const;

const methodKey = (path: string, method: string) => `${path} ${method}`;
const refOf = (key: string): MethodRef => {
  const space = key.lastIndexOf(' ');
  return { path: key.slice(0, space), method: key.slice(space + 1) };
};
/** Maps compare by content whatever their key order. */
const canonical = (value: Record<string, string> | undefined) =>
  value && Object.keys(value).length
    ? JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))))
    : undefined;

const pruned = (fields: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));

/** A deployment's `embed=apisummary`: path → method → authorization type and API key. */
export function definitionFromSummary(
  summary: Record<string, Record<string, { authorizationType?: string; apiKeyRequired?: boolean }>>,
): Definition {
  const definition: Definition = new Map();
  for (const [path, methods] of Object.entries(summary)) {
    for (const [method, snapshot] of Object.entries(methods)) {
      definition.set(methodKey(path, method), {
        authorizationType: snapshot.authorizationType ?? 'NONE',
        apiKeyRequired: String(snapshot.apiKeyRequired ?? false),
      });
    }
  }
  return definition;
}

type Json = Record<string, unknown>;
const verbOf = (key: string) => (key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase());
const stringMap = (value: unknown) =>
  value && typeof value === 'object' ? (value as Record<string, string>) : undefined;

/**
 * Adds what a stage's OpenAPI 3 export (`extensions=apigateway`) tells about each method of the
 * summary: its authorizer and integration. Methods the summary does not list are left out.
 */
export function withExport(summary: Definition, exported: Json): Definition {
  const definition: Definition = new Map();
  const schemes = ((exported.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, Json>;
  for (const [key, fields] of summary) definition.set(key, { ...fields });
  for (const [path, item] of Object.entries((exported.paths ?? {}) as Record<string, Json>)) {
    for (const [verb, operation] of Object.entries(item as Record<string, Json>)) {
      const fields = definition.get(methodKey(path, verbOf(verb)));
      if (!fields) continue;
      const security = (operation.security ?? []) as Record<string, unknown>[];
      const authorizer = security
        .flatMap((entry) => Object.keys(entry))
        .find((name) => schemes[name]?.['x-amazon-apigateway-authorizer'] !== undefined);
      const integration = operation['x-amazon-apigateway-integration'] as Json | undefined;
      Object.assign(
        fields,
        pruned({
          authorizer: authorizer ?? '',
          integrationType: integration ? String(integration.type).toUpperCase() : undefined,
          uri: integration ? String(integration.uri ?? '') : undefined,
          timeoutInMillis: integration ? String(integration.timeoutInMillis ?? 29_000) : undefined,
          requestParameters: integration
            ? (canonical(stringMap(integration.requestParameters)) ?? '')
            : undefined,
          requestTemplates: integration
            ? (canonical(stringMap(integration.requestTemplates)) ?? '')
            : undefined,
        }),
      );
    }
  }
  return definition;
}

/** The API as it is now (GetResources with `embed=methods`), with its authorizers' names. */
export function definitionFromResources(
  resources: SdkResource[],
  authorizerNames: Map<string | undefined, string | undefined>,
): Definition {
  const definition: Definition = new Map();
  for (const resource of resources) {
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
      const integration = method.methodIntegration;
      definition.set(
        methodKey(resource.path ?? '/', method.httpMethod ?? verb),
        pruned({
          authorizationType: method.authorizationType ?? 'NONE',
          authorizer: method.authorizerId
            ? (authorizerNames.get(method.authorizerId) ?? method.authorizerId)
            : '',
          apiKeyRequired: String(method.apiKeyRequired ?? false),
          integrationType: integration?.type,
          uri: integration ? (integration.uri ?? '') : undefined,
          timeoutInMillis: integration ? String(integration.timeoutInMillis ?? 29_000) : undefined,
          requestParameters: integration ? (canonical(integration.requestParameters) ?? '') : undefined,
          requestTemplates: integration ? (canonical(integration.requestTemplates) ?? '') : undefined,
        }),
      );
    }
  }
  return definition;
}

const byPlace = (a: MethodRef, b: MethodRef) =>
  a.path.localeCompare(b.path) || a.method.localeCompare(b.method);

/** Methods added, removed and changed from `from` to `to`, comparing the fields both sides know. */
export function diffDefinitions(from: Definition, to: Definition) {
  const added: MethodRef[] = [];
  const removed: MethodRef[] = [];
  const changed: MethodChange[] = [];
  const compared = new Set<string>();
  for (const [key, after] of to) {
    const before = from.get(key);
    if (!before) {
      added.push(refOf(key));
      continue;
    }
    const fields: FieldChange[] = [];
    for (const name of definitionFields) {
      if (!(name in before) || !(name in after)) continue;
      compared.add(name);
      if (before[name] !== after[name]) {
        fields.push({ name, from: before[name] || null, to: after[name] || null });
      }
    }
    if (fields.length) changed.push({ ...refOf(key), fields });
  }
  for (const key of from.keys()) if (!to.has(key)) removed.push(refOf(key));
  return {
    added: added.sort(byPlace),
    removed: removed.sort(byPlace),
    changed: changed.sort(byPlace),
    compared: definitionFields.filter((name) => compared.has(name)),
  };
}
