/** What API Gateway's typical error statuses mean: status, its usual message, and what it means. */
export const gatewayStatuses = {
  '4xx': {
    summary: 'What do 4XX errors usually mean?',
    intro:
      'The caller’s request was refused; the backend was usually not called. A rise often follows a change in auth, routes or throttling.',
    rows: [
      ['400', 'Bad Request', 'The request failed validation (body, parameters) or could not be transformed.'],
      ['401', 'Unauthorized', 'The authorizer rejected the caller’s token, or it was missing.'],
      [
        '403',
        'Missing Authentication Token',
        'No such route (resource or method) in this deployment, or IAM auth missing.',
      ],
      ['403', 'Forbidden', 'A required API key is missing or invalid, or a policy denied the call.'],
      ['429', 'Too Many Requests', 'Throttled: the stage, method or account rate/burst limit was exceeded.'],
    ],
  },
  '5xx': {
    summary: 'What do 5XX errors usually mean?',
    intro:
      'The request was accepted but the integration failed. A canary with more 5XX than its base is the usual reason to roll back.',
    rows: [
      ['500', 'Internal Server Error', 'The integration or a mapping template failed inside API Gateway.'],
      ['502', 'Bad Gateway', 'The backend answered with something invalid, or the connection to it failed.'],
      ['503', 'Service Unavailable', 'The backend is unavailable or overloaded.'],
      [
        '504',
        'Endpoint request timed out',
        'The backend did not answer within the integration timeout (29 s by default, 50 ms at least).',
      ],
    ],
  },
} as const;

/** What one status means, from the table above: its rows (403 has two), none for a status it does not list. */
export function meaningsOf(status: number): { message: string; meaning: string }[] {
  const rows: ReadonlyArray<readonly [string, string, string]> = [
    ...gatewayStatuses['4xx'].rows,
    ...gatewayStatuses['5xx'].rows,
  ];
  return rows
    .filter(([code]) => code === String(status))
    .map(([, message, meaning]) => ({ message, meaning }));
}
