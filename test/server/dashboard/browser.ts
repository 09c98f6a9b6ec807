// Headless Chromium for the dashboard tests: Debian's /usr/bin/chromium driven by playwright-core, never a downloaded browser.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CORTADO_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can (scripts/ensure-chromium.mjs installs it for `npm test`). */
export const noBrowser = (): string | undefined =>
  existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing (apt-get install -y chromium; scripts/ensure-chromium.mjs does it for npm test)`;

/**
 * Launches Chromium headless. Playwright gives every launch a fresh temporary --user-data-dir of its own (and refuses one
 * in `args`); each test's browser contexts are separate cookie jars on top of that.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 120_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

/** test-output/dashboard/ (ignored by git): screenshots and what a failed test leaves to look at. */
export async function outputDir(): Promise<string> {
  const dir = join(root, 'test-output', 'dashboard');
  await mkdir(dir, { recursive: true });
  return dir;
}

export const docsImages = join(root, 'docs', 'images');
export const dashboardDir = join(root, 'src', 'server', 'dashboard');
