import type { ApiDetail, LoggedRequest, Stage } from '@gateway-console/contract';
import { meaningsOf } from '../../../shared/gatewayStatuses.ts';
import { likelyCause } from '../model/causes.ts';
import { colourOf } from '../model/series.ts';

/** For each failing status of the range: what it means, and its likely cause in this stage's settings. */
export function StatusExplanations({
  statuses,
  stage,
  api,
  requests,
}: {
  statuses: { status: number; base: number; canary: number }[];
  stage: Stage;
  api: ApiDetail | undefined;
  requests: LoggedRequest[];
}) {
  if (statuses.length === 0) return <p className="muted">No failed requests in this range.</p>;
  return (
    <ul className="status-explanations" aria-label="Why these codes happen">
      {statuses.map(({ status, base, canary }) => {
        const meanings = meaningsOf(status);
        const cause = likelyCause(status, stage, api, requests);
        return (
          <li key={status} className="status-explanation" aria-label={`Status ${status}`}>
            <h3>
              <span className="status-swatch" style={{ background: colourOf(status) }} aria-hidden="true" />
              <span className="mono">{status}</span> {meanings[0]?.message ?? ''}
              <span className="muted status-count">
                {base} base{canary ? ` · ${canary} canary` : ''}
              </span>
            </h3>
            {meanings.map((m) => (
              <p key={m.message}>
                {meanings.length > 1 && <strong>{m.message}: </strong>}
                {m.meaning}
              </p>
            ))}
            {cause && (
              <div className="status-cause">
                <p>
                  <strong>Likely cause here:</strong> {cause.text}
                </p>
                {cause.details.length > 0 && (
                  <ul>
                    {cause.details.map((detail) => (
                      <li key={detail}>{detail}</li>
                    ))}
                  </ul>
                )}
                {cause.link && <a href={cause.link.href}>{cause.link.label}</a>}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
