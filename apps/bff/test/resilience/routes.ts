import type { Role, RolloutControl } from '@gateway-console/contract';
import { paramsOf, type RouteId, routeList } from '@gateway-console/contract/routes';
import type { z } from 'zod';

/** Where a route points: an API and one of its stages. */
export interface Target {
  apiId: string;
  stage: string;
  deploymentId: string;
}

/** One route of the manifest, as the attacks need to know it. */
export interface Route {
  id: RouteId;
  family: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (t: Target) => string;
  /** The least role allowed (undefined: anyone). */
  role: Role | undefined;
  /** The manifest says it needs the ETag of what it changes as If-Match. */
  ifMatch: boolean;
  /** The contract's schema of the body, and one body it accepts. */
  body?: { schema: z.ZodType; valid: (t: Target) => Record<string, unknown> };
  query?: z.ZodType;
}

/** What the attacks need of a route beyond the manifest. */
interface Attack {
  /** The concrete path, where the manifest's names more than `:apiId` and `:stage`. */
  path?: (t: Target) => string;
  /** One body the route accepts; every route the manifest gives a body needs one, or `noBody`. */
  valid?: (t: Target) => Record<string, unknown>;
  /** Why its body is not attacked. */
  noBody?: string;
}
/** A route the suites leave alone, and why. */
interface LeftOut {
  leftOut: string;
}

/** A rollout id no rollout has: the controls' checks answer before the 404. */
const unknownRollout = '00000000-0000-4000-8000-000000000000';
const rolloutControl = (control: RolloutControl): Attack => ({
  path: () => `/api/rollouts/${unknownRollout}/${control}`,
});

/** Every route of the manifest: how to attack it, or why not. */
const attacks: Record<RouteId, Attack | LeftOut> = {
  health: {},
  ready: {},
  signIn: { valid: () => ({ username: 'nobody', password: 'wrong password' }) },
  whoAmI: {},
  signOut: { leftOut: 'it would end the session every other attack is sent with' },
  listApis: {},
  apiOverview: {
    // The id travels in the query: encoded, so a hostile one stays one value of `ids` (and a lone
    // surrogate becomes U+FFFD instead of throwing).
    path: (t) => `/api/apis/overview?${new URLSearchParams({ ids: t.apiId })}`,
  },
  getApi: {},
  listStages: {},
  createStage: { valid: (t) => ({ name: 'resilience-never-created', deploymentId: t.deploymentId }) },
  getStage: {},
  updateStage: { valid: () => ({ description: 'resilience' }) },
  deleteStage: {},
  listDeployments: {},
  createDeployment: { valid: () => ({ description: 'resilience' }) },
  diffDeployments: {},
  stageDrift: {},
  putCanary: { valid: (t) => ({ percentTraffic: 10, deploymentId: t.deploymentId }) },
  rollBackCanary: {},
  promoteCanary: {
    noBody: 'its body ({reason}) is optional: an empty body is a valid request, not a malformed one',
  },
  rollBackStage: { valid: (t) => ({ deploymentId: t.deploymentId }) },
  flushStageCache: {},
  stageMetrics: {},
  apiMetrics: {},
  stageStatusCodes: {},
  apiStatusCodes: {},
  stageRequests: {},
  putAccessLog: { valid: () => ({ enabled: true }) },
  audit: {},
  canaryVerdict: {},
  canaryVerdicts: {},
  listRollouts: {},
  startRollout: { valid: () => ({ template: 'Canary10Percent5Minutes' }) },
  getRollout: { path: () => `/api/rollouts/${unknownRollout}` },
  pauseRollout: rolloutControl('pause'),
  resumeRollout: rolloutControl('resume'),
  abortRollout: rolloutControl('abort'),
  approveRollout: rolloutControl('approve'),
  skipRollout: rolloutControl('skip'),
  environment: {},
  signInMethods: {},
  oidcSignIn: {
    leftOut: 'served only with OpenID Connect configured (oidc.test.ts, against a real provider)',
  },
  oidcCallback: {
    leftOut: 'served only with OpenID Connect configured (oidc.test.ts, against a real provider)',
  },
  changePassword: {
    valid: () => ({ currentPassword: 'wrong password', newPassword: 'resilience never sets this' }),
  },
  listUsers: {},
  addUser: { valid: () => ({ username: 'resilience-never-created', role: 'viewer' }) },
  updateUser: { path: () => '/api/users/resilience-nobody', valid: () => ({ role: 'viewer' }) },
  openApi: {},
};

/** The manifest's path with the target's API and stage in it. */
const pathIn = (pattern: string) => (t: Target) =>
  pattern.replaceAll(/:(apiId|stage)\b/g, (_, name: 'apiId' | 'stage') => t[name]);

/** The route as the attacks send it; throws where the attack data does not fit the manifest. */
function routeOf(spec: (typeof routeList)[number]): Route | undefined {
  const attack = attacks[spec.id];
  if (attack === undefined) throw new Error(`${spec.id}: no attack data in test/resilience/routes.ts`);
  if ('leftOut' in attack) return undefined;
  const others = paramsOf(spec.path).filter((name) => name !== 'apiId' && name !== 'stage');
  if (others.length > 0 && !attack.path) {
    throw new Error(`${spec.id}: give the concrete path (${others.join(', ')} is not in a Target)`);
  }
  if (spec.body && !attack.valid && !attack.noBody) {
    throw new Error(`${spec.id}: the manifest gives it a body: give one it accepts (valid), or say why not`);
  }
  if (!spec.body && attack.valid) throw new Error(`${spec.id}: a valid body, but the manifest takes none`);
  return {
    id: spec.id,
    family: spec.group,
    method: spec.method,
    path: attack.path ?? pathIn(spec.path),
    role: spec.role ?? undefined,
    ifMatch: 'ifMatch' in spec && spec.ifMatch === true,
    ...(spec.body && attack.valid ? { body: { schema: spec.body, valid: attack.valid } } : {}),
    ...(spec.query ? { query: spec.query } : {}),
  };
}

/** Every route of the BFF's manifest the suites attack, grouped in families. */
export const routes: Route[] = routeList.map(routeOf).filter((route) => route !== undefined);

/** The routes the suites leave alone, and why. */
export const leftOut = Object.entries(attacks).flatMap(([id, attack]) =>
  'leftOut' in attack ? [{ id, why: attack.leftOut }] : [],
);

export const families = [...new Set(routes.map((r) => r.family))];

/** Routes that change something (everything but GET). */
export const mutatingRoutes = routes.filter((r) => r.method !== 'GET');
