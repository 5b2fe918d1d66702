import type { GatewayResponseType } from '../dataplane/gateway-responses.ts';
import type { MetricSeries, MetricStore } from './store.ts';

export const API_GATEWAY_NAMESPACE = 'AWS/ApiGateway';

/**
 * Canary requests are reported under Stage `{stage}/Canary` (AWS-NOTES: the exact value is unverified,
 * so it lives here only).
 */
export const CANARY_STAGE_SUFFIX = '/Canary';

/** The Stage dimension value a request is reported under. */
export const metricsStageName = (stageName: string, canary: boolean) =>
  canary ? `${stageName}${CANARY_STAGE_SUFFIX}` : stageName;

/** What one data-plane request contributes to CloudWatch. */
export interface RequestOutcome {
  status: number;
  latencyMs: number;
  /** Absent when the backend was not called (gateway error, cache hit). */
  integrationLatencyMs?: number;
  /** Absent when the request did not go through the stage cache. */
  cacheHit?: boolean;
  /** The gateway response API Gateway answered with, when it answered itself. */
  errorType?: GatewayResponseType;
  /** The matched resource (`/pets/{petId}`), absent when no route matched. */
  resourcePath?: string;
  /** The backend's status, when it answered. */
  integrationStatus?: number;
}

interface SeriesSet {
  count: MetricSeries;
  error4xx: MetricSeries;
  error5xx: MetricSeries;
  latency: MetricSeries;
  integrationLatency: MetricSeries;
  cacheHit: MetricSeries;
  cacheMiss: MetricSeries;
}

/**
 * Records API Gateway's per-request metrics under `ApiName` and `ApiName, Stage`. Series references
 * are kept per (API, stage) so the data plane's hot path does no key building.
 */
export class ApiGatewayMetrics {
  private readonly byStage = new Map<string, SeriesSet[]>();
  private storeGeneration = -1;

  constructor(private readonly store: MetricStore) {}

  record(apiName: string, stageDimension: string, outcome: RequestOutcome, timestampMs = Date.now()): void {
    this.store.prune();
    for (const set of this.seriesFor(apiName, stageDimension)) {
      set.count.record(1, timestampMs);
      set.error4xx.record(outcome.status >= 400 && outcome.status < 500 ? 1 : 0, timestampMs);
      set.error5xx.record(outcome.status >= 500 ? 1 : 0, timestampMs);
      set.latency.record(outcome.latencyMs, timestampMs);
      if (outcome.integrationLatencyMs !== undefined)
        set.integrationLatency.record(outcome.integrationLatencyMs, timestampMs);
      if (outcome.cacheHit !== undefined) {
        set.cacheHit.record(outcome.cacheHit ? 1 : 0, timestampMs);
        set.cacheMiss.record(outcome.cacheHit ? 0 : 1, timestampMs);
      }
    }
  }

  private seriesFor(apiName: string, stageDimension: string): SeriesSet[] {
    // Retention may have dropped series; then every kept reference is stale and is looked up again.
    if (this.storeGeneration !== this.store.generation) {
      this.byStage.clear();
      this.storeGeneration = this.store.generation;
    }
    const key = `${apiName}\u0000${stageDimension}`;
    let sets = this.byStage.get(key);
    if (!sets) {
      sets = [
        this.seriesSet([{ Name: 'ApiName', Value: apiName }]),
        this.seriesSet([
          { Name: 'ApiName', Value: apiName },
          { Name: 'Stage', Value: stageDimension },
        ]),
      ];
      this.byStage.set(key, sets);
    }
    return sets;
  }

  private seriesSet(dimensions: { Name: string; Value: string }[]): SeriesSet {
    const series = (name: string, unit: 'Count' | 'Milliseconds') => {
      const s = this.store.seriesFor(API_GATEWAY_NAMESPACE, name, dimensions);
      s.unit = unit;
      return s;
    };
    return {
      count: series('Count', 'Count'),
      error4xx: series('4XXError', 'Count'),
      error5xx: series('5XXError', 'Count'),
      latency: series('Latency', 'Milliseconds'),
      integrationLatency: series('IntegrationLatency', 'Milliseconds'),
      cacheHit: series('CacheHitCount', 'Count'),
      cacheMiss: series('CacheMissCount', 'Count'),
    };
  }
}
