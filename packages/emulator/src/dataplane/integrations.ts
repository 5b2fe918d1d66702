import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { IntegrationRecord, IntegrationResponseRecord } from '../state.ts';
import { type RequestContext, renderContextVariables } from './access-log.ts';
import type { GatewayResponseType } from './gateway-responses.ts';

/** The method request as the integration sees it. */
export interface IntegrationRequest {
  httpMethod: string;
  /** Raw query string without `?`, forwarded as is. */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  /** `$context` of the request, for mapping templates. */
  context: RequestContext;
}

export interface IntegrationResponse {
  status: number;
  /** Arrays for repeated headers (`set-cookie`). */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type IntegrationOutcome = IntegrationResponse | { gatewayError: GatewayResponseType };

/** Upstream connections are reused: a new TCP connection per request would halve proxy throughput. */
const httpAgent = new Agent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

/** Headers that describe one hop, never forwarded by a proxy. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

/** `${stageVariables.x}` in URIs and `$stageVariables.x` in mapping templates. */
const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}|\$stageVariables\.([A-Za-z0-9_]+)/g;

export function substituteStageVariables(text: string, variables: Record<string, string>): string {
  if (!text.includes('$')) return text;
  return text.replace(STAGE_VARIABLE, (_, braced: string | undefined, bare: string | undefined) => {
    return variables[(braced ?? bare)!] ?? '';
  });
}

/** Runs the integration of a method; gateway errors come back as data, never thrown. */
export function invokeIntegration(
  integration: IntegrationRecord,
  request: IntegrationRequest,
): Promise<IntegrationOutcome> {
  switch (integration.type) {
    case 'MOCK':
      return Promise.resolve(invokeMock(integration, request));
    case 'HTTP':
    case 'HTTP_PROXY':
      return invokeHttp(integration, request);
    default:
      // AWS and AWS_PROXY call AWS services (Lambda…), which the emulator does not run.
      return Promise.resolve({ gatewayError: 'INTERNAL_ERROR' });
  }
}

function renderTemplate(template: string, request: IntegrationRequest): string {
  if (!template.includes('$')) return template;
  return renderContextVariables(substituteStageVariables(template, request.stageVariables), request.context);
}

/** Integration response whose selection pattern matches, else the default (no pattern) one. */
function selectIntegrationResponse(
  responses: Record<string, IntegrationResponseRecord>,
  selector: string,
): IntegrationResponseRecord | undefined {
  let fallback: IntegrationResponseRecord | undefined;
  for (const response of Object.values(responses)) {
    if (!response.selectionPattern) fallback ??= response;
    else if (new RegExp(`^(?:${response.selectionPattern})$`).test(selector)) return response;
  }
  return fallback;
}

/** Headers mapped by `method.response.header.X` = `'literal'` response parameters. */
function mappedHeaders(response: IntegrationResponseRecord): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [target, source] of Object.entries(response.responseParameters ?? {})) {
    const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    const literal = /^'(.*)'$/.exec(source)?.[1];
    if (name && literal !== undefined) headers[name] = literal;
  }
  return headers;
}

function invokeMock(integration: IntegrationRecord, request: IntegrationRequest): IntegrationOutcome {
  const templates = integration.requestTemplates ?? {};
  const template = templates['application/json'] ?? Object.values(templates)[0] ?? '';
  const statusCode = /"statusCode"\s*:\s*(\d{3})/.exec(renderTemplate(template, request))?.[1] ?? '200';
  const response = selectIntegrationResponse(integration.integrationResponses, statusCode);
  if (!response) return { gatewayError: 'INTERNAL_ERROR' };
  const body = response.responseTemplates?.['application/json'];
  return {
    status: Number(response.statusCode),
    headers: { 'content-type': 'application/json', ...mappedHeaders(response) },
    body: Buffer.from(body === undefined ? '' : renderTemplate(body, request)),
  };
}

/** Where a request goes: parsed once per distinct URL, because URL parsing shows up in the proxy's profile. */
interface UpstreamTarget {
  https: boolean;
  hostname: string;
  port: string;
  /** Path and the URI's own query string. */
  path: string;
  hasQuery: boolean;
}

const TARGET_CACHE_LIMIT = 1000;
const targets = new Map<string, UpstreamTarget | null>();

function parseTarget(uri: string): UpstreamTarget | undefined {
  let target = targets.get(uri);
  if (target === undefined) {
    target = null;
    try {
      const url = new URL(uri);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        target = {
          https: url.protocol === 'https:',
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port,
          path: `${url.pathname}${url.search}`,
          hasQuery: url.search.length > 1,
        };
      }
    } catch {
      // an invalid URI stays null: the gateway answers 502
    }
    if (targets.size >= TARGET_CACHE_LIMIT) targets.clear();
    targets.set(uri, target);
  }
  return target ?? undefined;
}

/** The backend URI: stage variables, then path parameters (`{id}`, `{proxy+}`). */
function upstreamUri(integration: IntegrationRecord, request: IntegrationRequest): string {
  const uri = substituteStageVariables(integration.uri ?? '', request.stageVariables);
  if (!uri.includes('{')) return uri;
  return uri.replace(/\{([^}]+?)\+?\}/g, (whole, name: string) => {
    const mapped = integration.requestParameters?.[`integration.request.path.${name}`];
    const source = mapped?.startsWith('method.request.path.')
      ? mapped.slice('method.request.path.'.length)
      : name;
    const value = request.pathParameters[source];
    if (value === undefined) return whole;
    return whole.endsWith('+}')
      ? value.split('/').map(encodeURIComponent).join('/')
      : encodeURIComponent(value);
  });
}

function invokeHttp(
  integration: IntegrationRecord,
  request: IntegrationRequest,
): Promise<IntegrationOutcome> {
  const target = parseTarget(upstreamUri(integration, request));
  if (!target) return Promise.resolve({ gatewayError: 'BAD_GATEWAY' });
  const proxy = integration.type === 'HTTP_PROXY';
  // HTTP_PROXY passes the method request's query string through.
  const path =
    proxy && request.query ? `${target.path}${target.hasQuery ? '&' : '?'}${request.query}` : target.path;
  const method =
    proxy || !integration.httpMethod || integration.httpMethod === 'ANY'
      ? request.httpMethod
      : integration.httpMethod;
  const headers: Record<string, string | string[]> = {};
  if (proxy) {
    for (const name in request.headers) {
      const value = request.headers[name];
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
  } else {
    headers['content-type'] = 'application/json';
  }
  if (request.body?.length) headers['content-length'] = String(request.body.length);

  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: IntegrationOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const send = target.https ? httpsRequest : httpRequest;
    const upstream = send(
      {
        hostname: target.hostname,
        port: target.port,
        path,
        method,
        headers,
        agent: target.https ? httpsAgent : httpAgent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => settle({ gatewayError: 'BAD_GATEWAY' }));
        response.on('end', () => {
          const status = response.statusCode ?? 502;
          const body = Buffer.concat(chunks);
          if (proxy) {
            const responseHeaders: Record<string, string | string[]> = {};
            for (const name in response.headers) {
              const value = response.headers[name];
              if (value !== undefined && !HOP_BY_HOP.has(name)) responseHeaders[name] = value;
            }
            settle({ status, headers: responseHeaders, body });
            return;
          }
          const selected = selectIntegrationResponse(integration.integrationResponses, String(status));
          if (!selected) {
            settle({ gatewayError: 'INTERNAL_ERROR' });
            return;
          }
          const template = selected.responseTemplates?.['application/json'];
          settle({
            status: Number(selected.statusCode),
            headers: { 'content-type': 'application/json', ...mappedHeaders(selected) },
            body: template ? Buffer.from(renderTemplate(template, request)) : body,
          });
        });
      },
    );
    const timer = setTimeout(() => {
      settle({ gatewayError: 'INTEGRATION_TIMEOUT' });
      upstream.destroy();
    }, integration.timeoutInMillis);
    upstream.on('error', () => settle({ gatewayError: 'BAD_GATEWAY' }));
    upstream.end(request.body);
  });
}
