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

/** The canary's traffic share after a change, when the audit event recorded the stage it left behind. */
function canaryPercentAfter(after: unknown): number | null {
  if (typeof after !== 'object' || after === null || !('canary' in after)) return null;
  const canary = (after as { canary: unknown }).canary;
  if (typeof canary !== 'object' || canary === null || !('percentTraffic' in canary)) return null;
  const percent = (canary as { percentTraffic: unknown }).percentTraffic;
  return typeof percent === 'number' ? percent : null;
}

/** What the event did, in a few words: "Canary 25 %" says more than "Canary changed". */
function labelOf(kind: MarkerKind, event: AuditEvent): string {
  if (kind === 'canary') {
    const percent = canaryPercentAfter(event.after);
    if (percent !== null) return `Canary ${percent} %`;
  }
  return markerLabels[kind];
}

/** Successful operator actions inside [start, end], oldest first, as chart markers. */
export function markersFrom(events: AuditEvent[], start: number, end: number): Marker[] {
  return events
    .flatMap((event): Marker[] => {
      const kind = markerKindOf(event.action);
      const t = Date.parse(event.time);
      if (kind === null || event.outcome !== 'success' || t < start || t > end) return [];
      return [{ id: event.id, t, kind, label: labelOf(kind, event), actor: event.actor, stage: event.stage }];
    })
    .sort((a, b) => a.t - b.t);
}

/** Markers drawn as one: their events happened too close together to tell apart on the time axis. */
export interface MarkerGroup {
  /** The first event's id. */
  id: string;
  /** Where the group is drawn: its first event, in pixels from the chart's left edge. */
  x: number;
  /** Oldest first. */
  markers: Marker[];
  /** The kinds of its events, each once, in the order they happened. */
  kinds: MarkerKind[];
  /** Drawn on the axis: the kind's letter for one event, the count for several. */
  tag: string;
  /** Read out and shown on hover or focus: "3 events: Canary 25 %, Canary promoted, Cache flushed". */
  label: string;
}

/**
 * Groups markers (oldest first) whose positions on the chart fall within `minGapPx` of a group's
 * first marker, so events of the same minute (or, on 24 h, the same quarter hour) read as one
 * marker listing them all instead of tags drawn over each other.
 */
export function groupMarkers(markers: Marker[], xOf: (t: number) => number, minGapPx: number): MarkerGroup[] {
  const groups: Array<{ x: number; markers: Marker[] }> = [];
  for (const marker of markers) {
    const x = xOf(marker.t);
    const last = groups.at(-1);
    if (last && x - last.x < minGapPx) last.markers.push(marker);
    else groups.push({ x, markers: [marker] });
  }
  return groups.map(({ x, markers: members }) => {
    const first = members[0]!;
    const labels = members.map((marker) => marker.label);
    return {
      id: first.id,
      x,
      markers: members,
      kinds: [...new Set(members.map((marker) => marker.kind))],
      tag: members.length === 1 ? markerTags[first.kind] : String(members.length),
      label: members.length === 1 ? first.label : `${members.length} events: ${labels.join(', ')}`,
    };
  });
}
