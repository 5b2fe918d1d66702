import type { AuditEvent } from '@gateway-console/contract';
import { formatDate } from '../../../shared/format.ts';

const outcomeClass: Record<AuditEvent['outcome'], string> = {
  success: 'badge badge-ok',
  failure: 'badge badge-danger',
  refused: 'badge badge-warn',
  pending: 'badge',
  interrupted: 'badge badge-danger',
};

// Written before AWS was asked and not finished yet: the operator's words for it.
const outcomeLabel: Partial<Record<AuditEvent['outcome'], string>> = { pending: 'in progress' };

function Change({ event }: { event: AuditEvent }) {
  if (event.before === null && event.after === null) return null;
  return (
    <details className="change">
      <summary>Before / after</summary>
      <div className="change-grid">
        <pre>{JSON.stringify(event.before, null, 2)}</pre>
        <pre>{JSON.stringify(event.after, null, 2)}</pre>
      </div>
    </details>
  );
}

/**
 * One audit event. Everything a user or a request chose (names, targets, details) sits in `<bdi>`, so
 * right-to-left overrides such as U+202E inside it cannot reorder the text around it (ASVS 5.3).
 */
export function AuditRow({
  event,
  apiName,
}: {
  event: AuditEvent;
  apiName: (id: string | null) => string | null;
}) {
  return (
    <tr>
      <td>
        <time dateTime={event.time}>{formatDate(event.time)}</time>
      </td>
      <td>
        <bdi>{event.actor}</bdi> <span className="muted small">{event.role}</span>
      </td>
      <td>
        <span className="mono">{event.action}</span>
        <Change event={event} />
      </td>
      <td>
        <bdi>{[apiName(event.apiId), event.stage].filter(Boolean).join(' / ') || event.target}</bdi>
        {event.detail && (
          <div className="muted small">
            <bdi>{event.detail}</bdi>
          </div>
        )}
      </td>
      <td>
        <span className={outcomeClass[event.outcome]}>{outcomeLabel[event.outcome] ?? event.outcome}</span>
        <div className="muted small mono">{event.requestId}</div>
      </td>
    </tr>
  );
}
