// What a test may ask a running emulator beyond AWS's own APIs, through its emulator-only HTTP endpoints
// (`/_emulator/*`, see README.md): inject faults and read the control plane's call counts. Tests use this
// instead of the emulator's memory, so the same test works against an emulator in another process.
import type { FaultRequest, FaultRule, OperationName } from './apigateway/faults.ts';
import type { QuotaMode, SecondCount } from './quotas.ts';

export type { FaultRequest, FaultRule, OperationName, SecondCount };

/** `GET /_emulator/quotas`: the mode and the per-second call counts (oldest first). */
export interface QuotaStats {
  mode: QuotaMode;
  seconds: SecondCount[];
}

export interface EmulatorTestKit {
  /** Delays and/or fails the next `count` calls of an operation (`*` = every operation); throws when refused. */
  injectFault(fault: FaultRequest): Promise<FaultRule>;
  /** The faults still in force. */
  faults(): Promise<FaultRule[]>;
  /** Removes every injected fault. */
  clearFaults(): Promise<void>;
  /** Control-plane calls per second, of one caller (the access key it signs with) and since an epoch second. */
  quotas(filter?: { caller?: string; since?: number }): Promise<QuotaStats>;
}

/** The test kit of the emulator at `url` (its AWS endpoint, e.g. http://127.0.0.1:4566). */
export function emulatorTestKit(url: string): EmulatorTestKit {
  const faultsUrl = `${url}/_emulator/faults`;
  const answer = async <T>(response: Response, status: number, what: string): Promise<T> => {
    const text = await response.text();
    if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    injectFault: async (fault) =>
      answer<FaultRule>(
        await fetch(faultsUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(fault),
        }),
        201,
        `fault ${JSON.stringify(fault)} refused`,
      ),
    faults: async () => (await answer<{ faults: FaultRule[] }>(await fetch(faultsUrl), 200, 'faults')).faults,
    clearFaults: async () => {
      await answer(await fetch(faultsUrl, { method: 'DELETE' }), 204, 'clearing faults');
    },
    quotas: async (filter = {}) => {
      const query = new URLSearchParams();
      if (filter.caller !== undefined) query.set('caller', filter.caller);
      if (filter.since !== undefined) query.set('since', String(filter.since));
      const response = await fetch(`${url}/_emulator/quotas${query.size ? `?${query}` : ''}`);
      return answer<QuotaStats>(response, 200, 'quotas');
    },
  };
}
