import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { paramsOf, pathParams, type RouteSpec, routeList } from './routes.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from './rules.ts';

/** Headers of every change: the CSRF header, and If-Match with the ETag where the route needs one. */
const changeHeaders = z.object({ [CSRF_HEADER]: z.literal(CSRF_HEADER_VALUE) });
const ifMatchHeaders = changeHeaders.extend({ 'If-Match': z.string() });

/** One route of the manifest as zod-to-openapi registers it. */
function operationOf(route: RouteSpec): RouteConfig {
  const names = paramsOf(route.path);
  const request: NonNullable<RouteConfig['request']> = {
    ...(names.length > 0
      ? { params: z.object(Object.fromEntries(names.map((name) => [name, pathParams[name]!]))) }
      : {}),
    ...(route.query ? { query: route.query } : {}),
    ...(route.method !== 'GET' ? { headers: route.ifMatch ? ifMatchHeaders : changeHeaders } : {}),
    ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
  };
  return {
    method: route.method.toLowerCase() as RouteConfig['method'],
    path: route.path.replaceAll(/:(\w+)/g, '{$1}'),
    summary: route.summary,
    // Open routes need no session cookie.
    ...(route.role === null ? { security: [] } : {}),
    ...(Object.keys(request).length > 0 ? { request } : {}),
    responses: route.responses,
  };
}

/** The BFF's OpenAPI 3.1 document, generated from the route manifest and the zod schemas the BFF validates with. */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'gc_session',
  });
  for (const route of routeList) registry.registerPath(operationOf(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Gateway Console BFF',
      version: '1.0.0',
      description:
        'Errors are application/problem+json (RFC 9457) with `code` and `requestId`. Every non-GET needs `X-Requested-With: gateway-console`.',
    },
    security: [{ session: [] }],
  });
}
