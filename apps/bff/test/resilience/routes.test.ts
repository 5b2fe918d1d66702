import { routes as manifest, routeList } from '@gateway-console/contract/routes';
import { describe, expect, it } from 'vitest';
import { leftOut, routes, type Target } from './routes.ts';

const target: Target = { apiId: 'a1b2c3d4e5', stage: 'prod', deploymentId: 'd1e2f3' };

describe("the resilience suites' routes come from the manifest", () => {
  it('every route of the manifest is attacked, or left out with a reason', () => {
    expect([...routes.map((r) => r.id), ...leftOut.map((r) => r.id)].sort()).toEqual(
      routeList.map((r) => r.id).sort(),
    );
    for (const { id, why } of leftOut) expect(why, id).not.toBe('');
  });

  it("each route's concrete path is the manifest's pattern, and its valid body passes the contract", () => {
    for (const route of routes) {
      const pattern = manifest[route.id].path.replaceAll(/:\w+/g, '[^/?]+');
      expect(route.path(target).split('?')[0], route.id).toMatch(new RegExp(`^${pattern}$`));
      if (route.body) {
        const parsed = route.body.schema.safeParse(route.body.valid(target));
        expect(parsed.error?.issues, route.id).toBeUndefined();
      }
    }
  });
});
