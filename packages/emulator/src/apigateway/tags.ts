import type { TagResourceRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import type { EmulatorState } from '../state.ts';
import { badRequest, notFound } from './errors.ts';
import type { ControlPlane } from './lookup.ts';
import { readJson } from './wire.ts';

export const MAX_TAGS = 50;

/** The tag map an ARN names (`arn:aws:apigateway:{region}::/restapis/{id}`, `…/stages/{name}`, `…::/apikeys/{id}`). */
function tagsOf(state: EmulatorState, arn: string): Record<string, string> {
  const match = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::(\/.+)$/.exec(arn);
  if (!match) throw badRequest(`Invalid ARN specified in the request: ${arn}`);
  if (match[1] !== state.region) throw notFound(`resource ARN ${arn} (wrong region)`);
  const path = match[2] ?? '';
  const stage = /^\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(path);
  if (stage) {
    const found = state.restApis.get(stage[1] ?? '')?.stages.get(stage[2] ?? '');
    if (!found) throw notFound('stage identifier');
    return found.tags;
  }
  const api = /^\/restapis\/([^/]+)$/.exec(path);
  if (api) {
    const found = state.restApis.get(api[1] ?? '');
    if (!found) throw notFound('API identifier');
    return found.tags;
  }
  const key = /^\/apikeys\/([^/]+)$/.exec(path);
  if (key) {
    const found = state.apiKeys.get(key[1] ?? '');
    if (!found) throw notFound('API Key identifier');
    return found.tags;
  }
  throw badRequest(`Tagging is not supported for ${path}`);
}

/** TagResource, UntagResource, GetTags on REST APIs, stages and API keys. */
export function tagRoutes({ state, faults }: ControlPlane) {
  return new Hono()
    .put('/tags/:resourceArn', faults.for('TagResource'), async (c) => {
      const tags = tagsOf(state, c.req.param('resourceArn'));
      const input = await readJson<TagResourceRequest>(c);
      const merged = { ...tags, ...input.tags };
      if (Object.keys(merged).length > MAX_TAGS)
        throw badRequest(`A resource can have at most ${MAX_TAGS} tags`);
      for (const [key, value] of Object.entries(input.tags ?? {})) {
        if (key.length < 1 || key.length > 128 || key.startsWith('aws:'))
          throw badRequest(`Invalid tag key "${key}"`);
        if (typeof value !== 'string' || value.length > 256)
          throw badRequest(`Invalid value for tag "${key}"`);
      }
      Object.assign(tags, input.tags);
      return c.body(null, 204);
    })
    .delete('/tags/:resourceArn', faults.for('UntagResource'), (c) => {
      const tags = tagsOf(state, c.req.param('resourceArn'));
      for (const key of c.req.queries('tagKeys') ?? []) delete tags[key];
      return c.body(null, 204);
    })
    .get('/tags/:resourceArn', faults.for('GetTags'), (c) =>
      c.json({ tags: tagsOf(state, c.req.param('resourceArn')) }),
    );
}
