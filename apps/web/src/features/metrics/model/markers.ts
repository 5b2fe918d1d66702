import type { AuditEvent } from '@gateway-console/contract';

/** The operator actions worth a line on the time axis: they explain why a chart changed. */
export const markerKinds = ['deployment', 'canary', 'promotion', 'rollback', 'flush'] as const;
export type MarkerKind = (typeof markerKinds)[number];

export const markerLabels: Record<MarkerKind, string> = {
  deployment: 'Deployment',
  canary: 'Canary changed',
  promotion: 'Canary promoted',
  rollback: 'Rollback',
  flush: 'Cache flushed',
};

/** One-letter tags drawn on the chart next to the marker line. */
export const markerTags: Record<MarkerKind, string> = {
  deployment: 'D',
  canary: 'C',
  promotion: 'P',
  rollback: 'R',
  flush: 'F',
};

export interface Marker {
  id: string;
  /** Epoch ms. */
  t: number;
  kind: MarkerKind;
  label: string;
  actor: string;
  stage: string | null;
}

/** Which kind of marker an audited action is, or null when it does not belong on a chart. */
export function markerKindOf(action: string): MarkerKind | null {
  const words = action.toLowerCase();
  if (words.includes('promot')) return 'promotion';
  // Removing a canary is how it is rolled back.
  if (/roll.?back/.test(words) || (words.includes('canary') && /delete|remove/.test(words)))
    return 'rollback';
  if (words.includes('flush')) return 'flush';
  if (words.includes('canary')) return 'canary';
  if (words.includes('deploy')) return 'deployment';
  return null;
}

/** Successful operator actions inside [start, end], oldest first, as chart markers. */
export function markersFrom(events: AuditEvent[], start: number, end: number): Marker[] {
  return events
    .flatMap((event): Marker[] => {
      const kind = markerKindOf(event.action);
      const t = Date.parse(event.time);
      if (kind === null || event.outcome !== 'success' || t < start || t > end) return [];
      return [{ id: event.id, t, kind, label: markerLabels[kind], actor: event.actor, stage: event.stage }];
    })
    .sort((a, b) => a.t - b.t);
}
