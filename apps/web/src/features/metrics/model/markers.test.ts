import type { AuditEvent } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import { groupMarkers, type Marker, markerKindOf, markersFrom } from './markers.ts';

const event: AuditEvent = {
  id: '1',
  time: '2026-11-29T15:01:30.000Z',
  actor: 'operator',
  role: 'operator',
  action: 'canary.promote',
  apiId: 'a1',
  stage: 'prod',
  target: 'a1/prod',
  before: null,
  after: null,
  outcome: 'success',
  requestId: 'r',
  detail: null,
};
const start = Date.parse('2026-11-29T15:00:00.000Z');
const end = Date.parse('2026-11-29T15:03:00.000Z');

describe('markers', () => {
  it('come from successful operator actions inside the range', () => {
    expect(
      ['promoteCanary', 'canary.promote', 'stage.rollback', 'deleteCanary', 'flushStageCache'].map(
        markerKindOf,
      ),
    ).toEqual(['promotion', 'promotion', 'rollback', 'rollback', 'flush']);
    expect(markersFrom([event, { ...event, id: '2', outcome: 'failure' }], start, end)).toEqual([
      expect.objectContaining({ id: '1', kind: 'promotion', label: 'Canary promoted', actor: 'operator' }),
    ]);
    expect(markersFrom([{ ...event, time: '2026-11-29T14:00:00.000Z' }], start, end)).toEqual([]);
  });

  it('say the canary share a canary change left', () => {
    const set = { ...event, action: 'canary.set', after: { name: 'prod', canary: { percentTraffic: 25 } } };
    expect(markersFrom([set], start, end)[0]!.label).toBe('Canary 25 %');
    expect(markersFrom([{ ...set, after: null }], start, end)[0]!.label).toBe('Canary changed');
  });
});

describe('grouping markers', () => {
  const at = (id: string, seconds: number, kind: Marker['kind'], label: string): Marker => ({
    id,
    t: start + seconds * 1000,
    kind,
    label,
    actor: 'operator',
    stage: 'prod',
  });
  // A 15-minute range on a 450 px plot: 0.5 px per second.
  const xOf = (t: number) => (t - start) / 2000;

  it('draws events of the same minute as one marker listing them all', () => {
    const markers = [
      at('a', 60, 'canary', 'Canary 25 %'),
      at('b', 75, 'promotion', 'Canary promoted'),
      at('c', 90, 'flush', 'Cache flushed'),
      at('d', 600, 'deployment', 'Deployment'),
    ];
    const groups = groupMarkers(markers, xOf, 16);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual({
      id: 'a',
      x: 30,
      markers: markers.slice(0, 3),
      kinds: ['canary', 'promotion', 'flush'],
      tag: '3',
      label: '3 events: Canary 25 %, Canary promoted, Cache flushed',
    });
    expect(groups[1]).toMatchObject({
      id: 'd',
      x: 300,
      kinds: ['deployment'],
      tag: 'D',
      label: 'Deployment',
    });
  });

  it('keeps markers apart when they are far enough apart to read, and never chains a group wider than the gap', () => {
    // 20 s apart is 10 px: each joins the group only while within 16 px of its first marker.
    const markers = [0, 20, 40, 60, 80].map((s, i) => at(String(i), s, 'canary', `Canary ${i} %`));
    expect(groupMarkers(markers, xOf, 16).map((group) => group.markers.map((m) => m.id))).toEqual([
      ['0', '1'],
      ['2', '3'],
      ['4'],
    ]);
    expect(groupMarkers(markers, xOf, 5).map((group) => group.tag)).toEqual(['C', 'C', 'C', 'C', 'C']);
    expect(groupMarkers([], xOf, 16)).toEqual([]);
  });

  it('names each kind once, in the order the events happened', () => {
    const markers = [
      at('a', 0, 'canary', 'Canary 10 %'),
      at('b', 1, 'canary', 'Canary 50 %'),
      at('c', 2, 'promotion', 'Canary promoted'),
    ];
    expect(groupMarkers(markers, xOf, 16)[0]!.kinds).toEqual(['canary', 'promotion']);
  });
});
