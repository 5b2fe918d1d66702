import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.ts';
import { routeList } from './routes.ts';

interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

const document = openApiDocument();
const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
    path,
    method,
    operation,
  })),
);
const operationOf = (route: (typeof routeList)[number]) =>
  operations.find(
    (o) => o.method === route.method.toLowerCase() && o.path === route.path.replaceAll(/:(\w+)/g, '{$1}'),
  )?.operation;

describe('the OpenAPI document', () => {
  it('lists every route of the manifest, and nothing else', () => {
    expect(operations).toHaveLength(routeList.length);
    for (const route of routeList) expect(operationOf(route), route.id).toBeDefined();
  });

  it('answers each route with the manifest’s statuses; open routes need no session', () => {
    expect(document.security).toEqual([{ session: [] }]);
    for (const route of routeList) {
      const operation = operationOf(route)!;
      expect(Object.keys(operation.responses).sort(), route.id).toEqual(Object.keys(route.responses).sort());
      expect(operation.security, route.id).toEqual(route.role === null ? [] : undefined);
    }
  });

  it('asks every change for the CSRF header, and If-Match where the route needs it', () => {
    for (const route of routeList) {
      const headers = (operationOf(route)!.parameters ?? [])
        .filter((p) => p.in === 'header')
        .map((p) => p.name);
      const expected =
        route.method === 'GET' ? [] : ['X-Requested-With', ...(route.ifMatch ? ['If-Match'] : [])];
      expect(headers.sort(), route.id).toEqual(expected.sort());
    }
  });

  it('names each path parameter and documents each body', () => {
    for (const route of routeList) {
      const operation = operationOf(route)!;
      const params = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(params, route.id).toEqual([...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]));
      expect(operation.requestBody !== undefined, route.id).toBe(route.body !== undefined);
    }
  });
});
