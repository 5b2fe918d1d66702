import type { ApiDetail } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import { explainAuth } from './authExplained.ts';

const api = (methods: ApiDetail['resources'][number]['methods']): ApiDetail => ({
  id: 'a1',
  name: 'Demo',
  description: '',
  endpointType: 'REGIONAL',
  createdDate: '2026-01-01T00:00:00Z',
  stageCount: 0,
  tags: {},
  resources: [{ id: 'r1', path: '/items', methods }],
});

describe('explainAuth', () => {
  it('gives one sentence per kind of authentication, naming Lambda authorizers', () => {
    const sentences = explainAuth(
      api([
        { httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true },
        {
          httpMethod: 'PUT',
          authorizationType: 'CUSTOM',
          authorizerName: 'token-authorizer',
          apiKeyRequired: false,
        },
      ]),
    );
    expect(sentences.map((s) => s.kind)).toEqual(['apiKey', 'lambda']);
    expect(sentences[1]?.sentence).toMatch(/^Lambda authorizer \(token-authorizer\): /);
  });

  it('calls methods without any check open', () => {
    expect(
      explainAuth(api([{ httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false }])),
    ).toEqual([{ kind: 'open', sentence: expect.stringMatching(/^Open: /) }]);
  });
});
