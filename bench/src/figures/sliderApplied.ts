import type { Page } from 'playwright-core';
import { launchChromium } from '../browser.ts';
import type { RunningConsole } from '../console.ts';
import { type Figure, measured, notAvailable } from '../report.ts';
import { percentile } from '../stats.ts';

const moves = 30;
const csrf = { 'X-Requested-With': 'gateway-console' };
const names = { p50: 'Slider release → "applied" p50', p95: 'Slider release → "applied" p95' } as const;

interface StageJson {
  etag: string;
  canary?: { percentTraffic: number } | null;
}
interface DeploymentJson {
  id: string;
  createdDate: string;
}

/**
 * In-page clocks: the pointer-up's event time, and the first frame in which the panel says
 * "applied" for the new value while the slider shows that value. Also counts moves where
 * "applied" appeared while the slider still showed another value (a flicker an operator sees).
 */
const instrument = () => {
  const bench = { pointerUp: 0, applied: 0, failed: false, expected: '', flickers: 0, flickered: false };
  (window as unknown as { __bench: typeof bench }).__bench = bench;
  document.addEventListener(
    'pointerup',
    (event) => {
      bench.pointerUp = event.timeStamp;
      bench.applied = 0;
      bench.flickered = false;
    },
    true,
  );
  new MutationObserver(() => {
    if (bench.pointerUp === 0 || bench.applied !== 0) return;
    const slider = document.querySelector('[role="slider"][aria-label="Canary traffic"]');
    // The status line of the panel that holds the slider (pending → applied).
    const text = slider?.closest('section')?.querySelector('[role="status"]')?.textContent ?? '';
    if (text.includes('Not applied')) bench.failed = true;
    else if (text.includes('applied') && text.includes(`${bench.expected} %`)) {
      if (slider?.getAttribute('aria-valuenow') !== bench.expected) {
        if (!bench.flickered) bench.flickers++;
        bench.flickered = true;
        return;
      }
      requestAnimationFrame(() => {
        if (bench.applied === 0) bench.applied = performance.now();
      });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
};

/** Drags the Canary traffic slider to `to` % and returns ms from pointer-up to "applied" on screen. */
async function move(page: Page, from: number, to: number): Promise<number> {
  const slider = page.getByRole('slider', { name: 'Canary traffic' });
  // The page may still be settling (panels loading below and above): drag where the slider is now.
  let box = (await slider.boundingBox())!;
  for (;;) {
    await page.waitForTimeout(100);
    const again = (await slider.boundingBox())!;
    if (again.x === box.x && again.y === box.y && again.width === box.width) break;
    box = again;
  }
  const x = (percent: number) => box.x + (box.width * percent) / 100;
  const y = box.y + box.height / 2;
  await page.evaluate((expected) => {
    const bench = (window as unknown as { __bench: { expected: string; pointerUp: number; applied: number } })
      .__bench;
    bench.expected = expected;
    bench.pointerUp = 0;
    bench.applied = 0;
  }, `${to}`);
  await page.mouse.move(x(from), y);
  await page.mouse.down();
  await page.mouse.move(x(to), y, { steps: 12 });
  await page.mouse.up();
  const handle = await page
    .waitForFunction(
      () => {
        const bench = (
          window as unknown as { __bench: { applied: number; pointerUp: number; failed: boolean } }
        ).__bench;
        if (bench.failed) return -1;
        return bench.applied > 0 ? bench.applied - bench.pointerUp : false;
      },
      undefined,
      { timeout: 5_000, polling: 50 },
    )
    .catch(async (error: Error) => {
      const state = await page.evaluate(() => {
        const slider = document.querySelector('[role="slider"][aria-label="Canary traffic"]');
        const status = slider?.closest('section')?.querySelector('[role="status"]')?.textContent;
        return `slider at ${slider?.getAttribute('aria-valuenow')} %, status "${status}"`;
      });
      throw new Error(`move ${from} → ${to} %: ${state}: ${error.message}`, {
        cause: state.startsWith(`slider at ${from} %`) ? 'ignored' : undefined,
      });
    });
  const elapsed = (await handle.jsonValue()) as number;
  if (elapsed < 0) throw new Error(`the slider move to ${to} % was not applied`);
  const shown = await slider.getAttribute('aria-valuenow');
  if (shown !== String(to)) throw new Error(`slider shows ${shown} %, expected ${to} %`);
  return elapsed;
}

/**
 * Pointer-up on the stage page's Canary traffic slider to the UI showing "applied", in Chromium
 * against the real console; baseline: the same PUT …/canary made by fetch from the same page.
 */
export async function sliderApplied(app: RunningConsole): Promise<Figure[]> {
  // A figure that could not be measured stays in the table with the reason, never as a number.
  return measureSlider(app).catch((error: Error) => [
    notAvailable(names.p50, 'ms', {}, `could not measure: ${error.message.split('\n')[0]}`),
    notAvailable(names.p95, 'ms', { atMost: 150 }, `could not measure: ${error.message.split('\n')[0]}`),
  ]);
}

async function measureSlider(app: RunningConsole): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 800 } });
    const signIn = await context.request.post('/api/session', {
      data: { username: 'operator', password: app.password },
      headers: csrf,
    });
    const stagesRoute = await context.request.get('/api/apis');
    const apis = (await stagesRoute.json()) as { items: { id: string; name: string }[] };
    const apiId = apis.items?.find((api) => api.name === 'PetStore')?.id;
    const deployments = apiId ? await context.request.get(`/api/apis/${apiId}/deployments`) : null;
    if (!signIn.ok() || !apiId || !deployments?.ok())
      return [
        notAvailable(names.p50, 'ms', {}, 'BFF sign-in or deployments route not built yet'),
        notAvailable(names.p95, 'ms', { atMost: 150 }, 'BFF sign-in or deployments route not built yet'),
      ];
    const history = ((await deployments.json()) as { items: DeploymentJson[] }).items.sort((a, b) =>
      a.createdDate.localeCompare(b.createdDate),
    );

    // Two fresh stages with a canary: one the slider drives, one the baseline's fetches drive.
    const stageWithCanary = async (name: string) => {
      const created = await context.request.post(`/api/apis/${apiId}/stages`, {
        data: { name, deploymentId: history[0]!.id, variables: { version: 'v1' } },
        headers: csrf,
      });
      if (!created.ok()) throw new Error(`create stage ${name}: ${created.status()} ${await created.text()}`);
      const { etag } = (await (
        await context.request.get(`/api/apis/${apiId}/stages/${name}`)
      ).json()) as StageJson;
      const canary = await context.request.put(`/api/apis/${apiId}/stages/${name}/canary`, {
        data: { percentTraffic: 10, deploymentId: history.at(-1)!.id },
        headers: { ...csrf, 'If-Match': etag },
      });
      if (!canary.ok()) throw new Error(`start canary on ${name}: ${canary.status()} ${await canary.text()}`);
    };
    const suffix = Date.now().toString(36);
    const sliderStage = `benchslider${suffix}`;
    const fetchStage = `benchfetch${suffix}`;
    await stageWithCanary(sliderStage);
    await stageWithCanary(fetchStage);

    const page = await context.newPage();
    await page.addInitScript(instrument);
    await page.goto(`/apis/${apiId}/stages/${sliderStage}`);
    const slider = page.getByRole('slider', { name: 'Canary traffic' });
    await slider.waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[role="slider"][aria-label="Canary traffic"]')
          ?.getAttribute('aria-valuenow') === '10',
      undefined,
      { timeout: 30_000 },
    );

    const putFromPage = (percent: number) =>
      page.evaluate(
        async ({ url, percent }) => {
          const current = await fetch(url);
          const { etag } = (await current.json()) as { etag: string };
          const started = performance.now();
          const response = await fetch(`${url}/canary`, {
            method: 'PUT',
            headers: {
              'Content-Type': 'application/json',
              'X-Requested-With': 'gateway-console',
              'If-Match': etag,
            },
            body: JSON.stringify({ percentTraffic: percent }),
          });
          await response.json();
          if (!response.ok) throw new Error(`PUT canary answered ${response.status}`);
          return performance.now() - started;
        },
        { url: `/api/apis/${apiId}/stages/${fetchStage}`, percent },
      );

    const ui: number[] = [];
    const api: number[] = [];
    let at = 10;
    let ignored = 0;
    // Warm-up: one move and one fetch, not counted.
    for (let i = 0; i <= moves; i++) {
      const to = at === 10 ? 35 : at === 35 ? 60 : 10;
      // A drag the page ignored (value unchanged, nothing sent) is counted and tried once more.
      const elapsed = await move(page, at, to).catch((error: Error) => {
        if (error.cause !== 'ignored') throw error;
        ignored++;
        return move(page, at, to);
      });
      const fetchElapsed = await putFromPage(to);
      if (i > 0) {
        ui.push(elapsed);
        api.push(fetchElapsed);
      }
      at = to;
    }
    const flickers = await page.evaluate(
      () => (window as unknown as { __bench: { flickers: number } }).__bench.flickers,
    );
    return [50, 95].map((p) =>
      measured({
        figure: p === 50 ? names.p50 : names.p95,
        unit: 'ms',
        value: percentile(ui, p),
        baseline: { label: `PUT …/canary by fetch p${p}`, value: percentile(api, p) },
        target: p === 95 ? { atMost: 150 } : {},
        note: `${moves} drags between 10, 35 and 60 % in Chromium, interleaved with the baseline's fetches; "applied" shown while the slider showed the old value in ${flickers} of ${moves + 1} moves; ${ignored} drags ignored by the page and repeated`,
      }),
    );
  } finally {
    await browser.close();
  }
}
