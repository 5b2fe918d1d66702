import { AuditQuery } from '@gateway-console/contract';
import { Hono } from 'hono';
import { listAudit } from '../audit/log.ts';
import type { AppEnv, Deps } from '../context.ts';
import { queryParams } from '../http/validate.ts';

/** Who did what, newest first, filtered by API, stage, actor and time. */
export const auditRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get('/', async (c) =>
    c.json(await listAudit(deps.storage.db, queryParams(c, AuditQuery)), 200),
  );
