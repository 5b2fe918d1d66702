import type { Stage } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatAgo } from '../../../shared/format.ts';
import { sessionQuery } from '../../session/index.ts';
import { lastChangeQuery } from '../api/lastChange.ts';

/**
 * A quiet note when the stage changed under the operator's eyes (the page refreshes by itself): who
 * changed it and what, read from the audit log. Changes of the operator's own say nothing here.
 */
export function ChangedBy({ stage }: { stage: Stage }) {
  const seen = useRef(stage.etag);
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    if (stage.etag === seen.current) return;
    seen.current = stage.etag;
    setChanged(true);
  }, [stage.etag]);
  const me = useQuery(sessionQuery()).data?.username;
  const last = useQuery({ ...lastChangeQuery(stage.apiId, stage.name, stage.etag), enabled: changed });
  const event = last.data;
  return (
    <p className="muted small live-note" role="status" aria-label="Changes by others">
      {changed && event && event.actor !== me && (
        <>
          Changed by <strong>{event.actor}</strong> <time dateTime={event.time}>{formatAgo(event.time)}</time>
          : <span className="mono">{event.action}</span>
        </>
      )}
    </p>
  );
}
