import type { DeploymentRecord, MethodRecord, ResourceRecord } from '../state.ts';

interface RouteNode {
  literals: Map<string, RouteNode>;
  param?: { name: string; node: RouteNode };
  greedy?: { name: string; resource: ResourceRecord };
  resource?: ResourceRecord;
}

/** A request matched to a resource of the running deployment. */
export interface RouteMatch {
  resource: ResourceRecord;
  /** The resource's method for the verb, or its ANY method; absent when the resource lacks both. */
  method?: MethodRecord;
  pathParameters: Record<string, string>;
}

const newNode = (): RouteNode => ({ literals: new Map() });

/** Compiled once per deployment: deployments are immutable snapshots, so the tree never goes stale. */
const compiled = new WeakMap<DeploymentRecord, RouteNode>();

function compile(deployment: DeploymentRecord): RouteNode {
  const root = newNode();
  for (const resource of deployment.resources) {
    let node = root;
    let greedy = false;
    const parts = resource.path.split('/').filter(Boolean);
    for (const [i, part] of parts.entries()) {
      const param = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (param?.endsWith('+') && i === parts.length - 1) {
        node.greedy = { name: param.slice(0, -1), resource };
        greedy = true;
        break;
      }
      if (param) {
        node.param ??= { name: param, node: newNode() };
        node = node.param.node;
      } else {
        let next = node.literals.get(part);
        if (!next) {
          next = newNode();
          node.literals.set(part, next);
        }
        node = next;
      }
    }
    if (!greedy) node.resource = resource;
  }
  return root;
}

/**
 * Finds the resource for a request path in a deployment, as API Gateway does: literal segments win
 * over `{param}`, which wins over a greedy `{proxy+}`.
 */
export function matchRoute(
  deployment: DeploymentRecord,
  path: string,
  httpMethod: string,
): RouteMatch | undefined {
  let root = compiled.get(deployment);
  if (!root) {
    root = compile(deployment);
    compiled.set(deployment, root);
  }
  const segments = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  const resource = walk(root, segments, 0, params);
  if (!resource) return undefined;
  return { resource, method: resource.methods[httpMethod] ?? resource.methods.ANY, pathParameters: params };
}

function walk(
  node: RouteNode,
  segments: string[],
  index: number,
  params: Record<string, string>,
): ResourceRecord | undefined {
  if (index === segments.length) return node.resource;
  const segment = segments[index]!;
  const literal = node.literals.get(segment);
  if (literal) {
    const found = walk(literal, segments, index + 1, params);
    if (found) return found;
  }
  if (node.param) {
    const found = walk(node.param.node, segments, index + 1, params);
    if (found) {
      params[node.param.name] = safeDecode(segment);
      return found;
    }
  }
  if (node.greedy) {
    params[node.greedy.name] = segments.slice(index).map(safeDecode).join('/');
    return node.greedy.resource;
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The `methodSettings` key of a method: its resource path with `/` written `~1`, then the verb. */
export const methodSettingsKey = (resourcePath: string, httpMethod: string) =>
  `${resourcePath.replaceAll('/', '~1')}/${httpMethod}`;
