/** What API Gateway's typical error statuses mean, shown beside the error charts where the question comes up. */
const codes = {
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

export function ErrorCodes({ family }: { family: keyof typeof codes }) {
  const { summary, intro, rows } = codes[family];
  return (
    <details className="error-codes">
      <summary>{summary}</summary>
      <p className="muted">{intro}</p>
      <table className="error-codes-table" aria-label={`Typical ${family.toUpperCase()} errors`}>
        <tbody>
          {rows.map(([status, message, meaning]) => (
            <tr key={`${status}-${message}`}>
              <th scope="row" className="mono">
                {status}
              </th>
              <td>
                <strong>{message}</strong> — {meaning}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
