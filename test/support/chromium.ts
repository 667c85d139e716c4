import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium: browser tests drive it through playwright-core (never a downloaded browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The Chromium executable, or an error saying how to install it. Browser tests fail rather than skip
 * without it: CI installs it (.ci/run), so a missing browser is a broken machine, not an optional test.
 */
export function chromiumExecutable(path: string = CHROMIUM_PATH): string {
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is not installed at ${path}: the browser end-to-end tests need Debian's chromium (sudo apt-get install chromium; .ci/run installs it)`,
    );
  }
  return path;
}

/** One headless Chromium for a test file; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true });
}
