import { type Figure, notAvailable } from '../report.ts';

export async function dataPlane(): Promise<Figure[]> {
  return [
    notAvailable(
      'Data plane MOCK, canary + cache + metrics',
      'req/s',
      { atLeast: 5_000 },
      'data plane not built yet',
    ),
    notAvailable(
      'Data plane HTTP_PROXY, canary + cache + metrics',
      'req/s',
      { atLeast: 5_000 },
      'data plane not built yet',
    ),
  ];
}
