import { chromiumLaunchOptions } from '@gateway-console/e2e/chromium';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, headless, launched as the e2e tests launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}
