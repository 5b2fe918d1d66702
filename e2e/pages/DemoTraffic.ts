import type { ConsoleApi } from './ConsoleApi.ts';

/**
 * Real traffic through the emulator's data plane to PetStore prod with half of it on the demo's failing
 * canary (upstream version v2): enough for the judge's minimum sample per side once CloudWatch has
 * finished publishing those minutes (about three minutes later).
 */
export async function failingCanaryTraffic(
  api: ConsoleApi,
  emulatorUrl: string,
  apiId: string,
  requests = 2400,
) {
  await api.putCanary(apiId, 'prod', { percentTraffic: 50 });
  await invoke(`${emulatorUrl}/_aws/execute-api/${apiId}/prod/pets`, requests);
}

/** Sends `requests` GETs to an invoke URL, fifty at a time. */
export async function invoke(url: string, requests: number) {
  for (let sent = 0; sent < requests; sent += 50) {
    await Promise.all(Array.from({ length: 50 }, () => fetch(url).then((r) => r.arrayBuffer())));
  }
}
