import type { AuditEvent } from '@gateway-console/contract';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditRow } from './AuditRow.tsx';

const event: AuditEvent = {
  id: '1',
  time: '2026-03-01T00:00:00.000Z',
  actor: 'mallory\u202Enimda',
  role: 'viewer',
  action: 'stage.update',
  apiId: null,
  stage: 'prod\u202E',
  target: 'apis/x',
  before: null,
  after: null,
  outcome: 'refused',
  requestId: 'r-1',
  detail: '403 FORBIDDEN: \u202Edone',
};

describe('audit rows (#16 item 12)', () => {
  it('isolate every user-supplied text, so a right-to-left override cannot spoof its neighbours', () => {
    const html = renderToStaticMarkup(
      createElement(
        'table',
        null,
        createElement('tbody', null, createElement(AuditRow, { event, apiName: () => null })),
      ),
    );
    expect(html).toContain('<bdi>mallory\u202Enimda</bdi>');
    expect(html).toContain('<bdi>prod\u202E</bdi>');
    expect(html).toContain('<bdi>403 FORBIDDEN: \u202Edone</bdi>');
  });
});
