import { gatewayStatuses as codes } from '../../../shared/gatewayStatuses.ts';

/** What API Gateway's typical error statuses mean, shown beside the error charts where the question comes up. */
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
