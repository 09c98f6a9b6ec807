// The dashboard in headless Chromium against a stand-in server: sign-in, live updates, confirmed actions, roles, escaping.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noBrowser } from './browser.js';
import { CSRF, startStubApi, statusAt, type StubApi } from './stub-api.js';

const skip = noBrowser();

describe('dashboard views (stand-in API)', { skip, timeout: 300_000 }, () => {
  let browser: Browser;
  let api: StubApi;
  const t0 = Date.parse('2026-12-06T09:00:00Z');
  before(async () => {
    api = await startStubApi(statusAt(0, t0));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await api?.close();
  });

  /** Console errors of every page (a Content-Security-Policy violation is one). */
  const consoleErrors: string[] = [];
  const newPage = async (): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) consoleErrors.push(m.text());
    });
    return page;
  };

  async function signedIn(token: string): Promise<Page> {
    const page = await newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(api.url);
    await page.fill('#token', token);
    await page.click('form[data-test=login] button[type=submit]');
    await page.waitForSelector('[data-test=apps]');
    return page;
  }

  test('a wrong token is refused with a message; a good one lists the services with your role', async () => {
    const page = await newPage();
    await page.goto(api.url);
    await page.fill('#token', 'nope');
    await page.click('form[data-test=login] button[type=submit]');
    assert.match((await page.textContent('[role=alert]', { timeout: 30_000 })) ?? '', /not valid/);
    await page.fill('#token', 'tok-viewer');
    await page.click('form[data-test=login] button[type=submit]');
    const row = page.locator('tr[data-app=shop]');
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /shop\s+prod\s+shop\s+canary preview\s+viewer/);
    assert.equal(await page.textContent('[data-test=principal]'), 'victor');
    await page.context().close();
  });

  test('the release view shows weights and analyses and follows SSE; event text is never markup', async () => {
    api.status = statusAt(0, t0);
    const page = await signedIn('tok-viewer');
    await page.click('a[href="#/app/shop"]');
    await page.waitForSelector('[data-test=weight-set][data-canary="10"]');
    assert.equal(await page.getAttribute('[data-test=weight-observed]', 'data-canary'), '9.6');
    assert.match(await page.innerText('tr[data-metric=success-rate]'), /success-rate\s+99\.9\s+≥ 95\s+pass/);
    assert.match(await page.innerText('tr[data-metric=latency]'), /latency\s+40\s+≤ 500\s+pass/);
    assert.match(await page.innerText('.steps li.current'), /10%/);
    await page.waitForSelector('.live.on');
    for (const step of [1, 2]) {
      api.status = statusAt(
        step,
        t0 + step * 3000,
        step === 2
          ? {
              metrics: [
                { name: 'success-rate', bounds: { min: 95 }, status: 'fail', value: 90.5, reason: 'below 95' },
                { name: 'latency', bounds: { max: 500 }, status: 'pass', value: 50 },
              ],
            }
          : {},
      );
      api.push();
      await page.waitForSelector(`[data-test=weight-set][data-canary="${[10, 50, 100][step]}"]`);
    }
    assert.match(await page.innerText('tr[data-metric=success-rate]'), /90\.5\s+≥ 95\s+fail\s+below 95/);
    assert.equal(await page.getAttribute('.chart', 'data-samples'), '3', 'one chart point per status');
    assert.equal(await page.locator('polyline[data-series=canarySuccess]').count(), 1);
    assert.match(await page.innerText('.events'), /<img src=x onerror/);
    assert.equal(await page.evaluate(() => (globalThis as { pwned?: number }).pwned), undefined);
    assert.equal(await page.locator('[data-test=actions] button').count(), 0, 'a viewer gets no buttons');
    assert.equal(await page.locator('button[data-action=delete]').count(), 0);
    api.end();
    await page.waitForSelector('.live.off');
    // …and listens again, so a release started later shows up without a reload.
    await page.waitForSelector('.live.on');
    await page.context().close();
  });

  test('an operator acts only after confirming, with the CSRF token', async () => {
    api.status = statusAt(1, t0);
    api.envs = [
      {
        name: 'feature-x',
        url: 'http://feature-x.preview.test',
        image: 'shop:v3',
        running: 1,
        desired: 1,
        status: 'ready',
        missing: [],
        updatedAt: new Date(t0).toISOString(),
      },
    ];
    const page = await signedIn('tok-operator');
    await page.click('a[href="#/app/shop"]');
    await page.waitForSelector('[data-test=actions] button[data-action=promote]');
    assert.deepEqual(await page.locator('[data-test=actions] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action'))), [
      'pause',
      'promote',
      'abort',
    ]);
    const before = api.requests.length;
    await page.click('button[data-action=promote]');
    await page.waitForSelector('dialog#confirm[open]');
    assert.match(await page.innerText('#confirm-text'), /Promote the canary/);
    await page.click('#confirm-cancel');
    await page.waitForSelector('dialog#confirm', { state: 'hidden' });
    assert.equal(api.requests.length, before, 'cancelled: nothing sent');
    await page.click('button[data-action=promote]');
    await page.click('#confirm-ok');
    await waitFor(() => api.requests.find((r) => r.path === '/api/apps/shop/canary/promote'));
    const promote = api.requests.find((r) => r.path === '/api/apps/shop/canary/promote')!;
    assert.equal(promote.method, 'POST');
    assert.equal(promote.csrf, CSRF);
    assert.deepEqual(JSON.parse(promote.body), { skipAnalysis: false });
    await page.click('button[data-action=delete]');
    await page.click('#confirm-ok');
    await waitFor(() => api.requests.find((r) => r.method === 'DELETE'));
    assert.equal(api.requests.find((r) => r.method === 'DELETE')!.path, '/api/apps/shop/envs/feature-x');
    assert.equal(await page.getAttribute('tr[data-env=feature-x] a', 'href'), 'http://feature-x.preview.test');
    await page.context().close();
  });

  test('nothing the pages did broke the strict Content-Security-Policy or failed in the console', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

async function waitFor<T>(f: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
