import { createHmac } from 'node:crypto';
import type { RolloutEvent } from '@gateway-console/contract';

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>`, keyed by the rollout's webhook secret. */
export const SIGNATURE_HEADER = 'X-Gateway-Console-Signature';

/** What a rollout's webhook receives for each event. */
export interface RolloutWebhookBody {
  rolloutId: string;
  apiId: string;
  stage: string;
  event: RolloutEvent;
}

export const signatureOf = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface DeliveryOptions {
  attempts?: number;
  /** The first retry's delay; each next one doubles it. */
  baseDelayMs?: number;
  timeoutMs?: number;
}

/**
 * POSTs one event, signed, retrying network errors, 429 and 5XX with exponential backoff (1 s, 2 s, 4 s, …).
 * Delivery is at least once: the receiver tells repeats apart by rolloutId + event time + kind. Retries live
 * in this process only; a stop mid-retry loses that event's later attempts (the event stays in the rollout).
 */
export async function deliverWebhook(
  url: string,
  secret: string,
  payload: RolloutWebhookBody,
  options: DeliveryOptions = {},
): Promise<boolean> {
  const attempts = options.attempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const body = JSON.stringify(payload);
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'gateway-console-rollouts',
          [SIGNATURE_HEADER]: signatureOf(secret, body),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer();
      if (response.ok) return true;
      // The receiver refused the event itself: sending it again would not change its mind.
      if (response.status < 500 && response.status !== 429) return false;
    } catch {
      // Network error or timeout: retried.
    }
  }
  console.error(
    `[bff] rollout ${payload.rolloutId}: webhook ${payload.event.kind} not delivered after ${attempts} attempts`,
  );
  return false;
}
