// Acceptance: in headless Chromium, a real canary release started through the API is followed live, promoted by an
// operator with the button, invisible to a viewer's buttons; forged requests are refused and change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { canarySection, startFixture, writeConfig, type Fixture } from '../../canary/canary-fixtures.js';
import { clientEnv, eventually } from '../../helpers/sandbox.js';
import { docsImages, launchChromium, noBrowser, outputDir } from './browser.js';
import { principal, startServerProcess, writeServerConfig, type ServerProcess } from './server-process.js';

const APP = 'shop';
const operator = principal('olga', 'operator');
const viewer = principal('victor', 'viewer');

interface Status {
  readonly release?: { readonly outcome: string; readonly phase: string; readonly step?: number };
  readonly paused: boolean;
  readonly request?: unknown;
  readonly audit?: readonly { readonly who: string; readonly action: string }[];
}

/** Writes test-output/dashboard/<name>; with CORTADO_DOCS_SCREENSHOTS=1 also docs/images/dashboard-<name>. */
async function screenshot(page: Page, name: string): Promise<void> {
  const shot = join(await outputDir(), name);
  await page.screenshot({ path: shot, fullPage: true });
  if (process.env.CORTADO_DOCS_SCREENSHOTS === '1') {
    await mkdir(docsImages, { recursive: true });
    await copyFile(shot, join(docsImages, `dashboard-${name}`));
  }
}

describe('dashboard on a real cortado server and a real canary release', { skip: noBrowser(), timeout: 900_000 }, () => {
  let f: Fixture;
  let server: ServerProcess;
  let browser: Browser;
  before(async () => {
    f = await startFixture('dash');
    // A manual confirm-promotion gate: after its last step the release waits for someone to press Promote.
    const dir = await writeConfig(f, canarySection(f, { gates: { confirm_promotion: 'manual' } }));
    const config = await writeServerConfig(dir, APP, [operator, viewer], { poll: '500ms' });
    server = await startServerProcess(dir, config, clientEnv(f.sandbox));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await f?.close();
  });

  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
  const status = async (): Promise<Status> => (await (await api(`/api/apps/${APP}/canary`, { token: viewer.token })).json()) as Status;

  /** Console errors of the dashboard's pages (a script error, a Content-Security-Policy violation); 401/403 are expected. */
  const consoleErrors: string[] = [];
  async function signIn(token: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 1300 } })).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) consoleErrors.push(`${m.text()} (${m.location().url})`);
    });
    page.setDefaultTimeout(120_000);
    await page.goto(server.url);
    await page.fill('#token', token);
    await page.click('form[data-test=login] button[type=submit]');
    await page.waitForSelector(`tr[data-app=${APP}]`);
    await page.goto(`${server.url}/#/app/${APP}`);
    await page.waitForSelector('[data-test=release]');
    return page;
  }

  test('the release is followed live, a viewer has no buttons, forged requests are refused, the operator promotes', async () => {
    const op = await signIn(operator.token);
    const view = await signIn(viewer.token);
    // The operator's page records every weight and analysis it shows, as the live updates change them.
    // (Browser code as a string: the tests are type-checked without the DOM library.)
    await op.evaluate(`(() => {
      const seen = { weights: [], analyses: [], samples: 0 };
      globalThis.seen = seen;
      new MutationObserver(() => {
        const w = document.querySelector('[data-test=weight-set]')?.getAttribute('data-canary');
        if (w && seen.weights[seen.weights.length - 1] !== w) seen.weights.push(w);
        for (const row of document.querySelectorAll('tr[data-metric]')) {
          const a = row.getAttribute('data-metric') + ':' + row.getAttribute('data-status');
          if (!seen.analyses.includes(a)) seen.analyses.push(a);
        }
        seen.samples = Number(document.querySelector('.chart')?.getAttribute('data-samples') ?? 0);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);

    const started = await api(`/api/apps/${APP}/canary/start`, {
      method: 'POST',
      token: operator.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tag: 'v2' }),
    });
    assert.equal(started.status, 202, await started.text());

    // Live: the page follows the steps as the controller sets them, without a reload.
    await op.waitForSelector('[data-test=release][data-outcome=in-progress]');
    await op.waitForSelector('[data-test=weight-set][data-canary="50"]');
    await op.waitForSelector('tr[data-metric=success-rate][data-status=pass]');
    await op.waitForSelector('.live.on');
    await screenshot(op, 'release.png');

    // A viewer sees the same release and no button at all.
    await view.waitForSelector('[data-test=release][data-outcome=in-progress]');
    assert.equal(await view.locator('[data-test=actions] button, button[data-action]').count(), 0, 'a viewer gets no buttons');
    const viewerCsrf = await view.evaluate(async () => ((await (await fetch('/api/me')).json()) as { csrf: string }).csrf);
    const viewerCookie = (await view.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const byViewer = await api(`/api/apps/${APP}/canary/pause`, {
      method: 'POST',
      headers: { cookie: viewerCookie, 'x-csrf-token': viewerCsrf, 'content-type': 'application/json', origin: server.url },
      body: '{}',
    });
    assert.equal(byViewer.status, 403, `a viewer's own request with a good CSRF token is still refused: ${await byViewer.text()}`);

    // Forged requests with the operator's session cookie: without the CSRF token, or with a wrong one.
    const opCsrf = await op.evaluate(`fetch('/api/me').then((r) => r.json()).then((me) => me.csrf)`);
    assert.equal(typeof opCsrf, 'string');
    const opCookie = (await op.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = {
      'no CSRF token': { cookie: opCookie },
      'a wrong CSRF token': { cookie: opCookie, 'x-csrf-token': `${String(opCsrf).slice(0, -2)}xx` },
    };
    for (const [what, headers] of Object.entries(forged)) {
      for (const action of ['pause', 'abort']) {
        const r = await api(`/api/apps/${APP}/canary/${action}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{}',
        });
        assert.equal(r.status, 403, `${action} with ${what}: ${r.status} ${await r.text()}`);
      }
    }
    // A page of another origin, in the operator's own browser: its form post carries no session cookie (SameSite=Strict),
    // and its script may not send the X-CSRF-Token header across origins (no CORS), nor read the token.
    const evil = await op.context().newPage();
    await evil.route('http://evil.test/**', (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<form id=f method=post action="${server.url}/api/apps/${APP}/canary/abort"><input name=x value=1></form>`,
      }),
    );
    await evil.goto('http://evil.test/');
    const fetched = await evil.evaluate(`fetch('${server.url}/api/apps/${APP}/canary/abort', {
      method: 'POST', credentials: 'include', headers: { 'X-CSRF-Token': 'guess', 'Content-Type': 'application/json' }, body: '{}',
    }).then((r) => 'answered ' + r.status, (e) => 'blocked: ' + e.message)`);
    assert.match(String(fetched), /^blocked|^answered 40[13]$/, `a cross-origin fetch: ${String(fetched)}`);
    const answer = evil.waitForResponse(`${server.url}/api/apps/${APP}/canary/abort`);
    await evil.evaluate(`document.getElementById('f').submit()`);
    const formStatus = (await answer).status();
    assert.ok([401, 403].includes(formStatus), `a cross-origin form post is refused (${formStatus})`);
    await evil.close();
    const after = await status();
    assert.equal(after.release?.outcome, 'in-progress', 'no forged request changed the release');
    assert.equal(after.paused, false);
    assert.equal(after.request, undefined);
    assert.deepEqual(
      (after.audit ?? []).map((a) => a.action).filter((a) => !/\bstart$/.test(a)),
      [],
      'nothing but the start is audited',
    );

    // Every step passes and the release waits at the gate; the operator promotes it with the button, after confirming.
    await op.waitForSelector('[data-test=gate]', { timeout: 180_000 });
    const seen = await op.evaluate(
      () => (globalThis as unknown as { seen: { weights: string[]; analyses: string[]; samples: number } }).seen,
    );
    assert.deepEqual(
      seen.weights.filter((w) => w !== '0'),
      ['10', '50', '100'],
      `the weights shown followed every step (${seen.weights.join(', ')})`,
    );
    assert.ok(seen.analyses.includes('success-rate:pass') && seen.analyses.includes('latency:pass'), seen.analyses.join(', '));
    assert.ok(seen.samples >= 3, `the chart grew with the live statuses (${seen.samples} points)`);
    await op.click('[data-test=actions] button[data-action=promote]');
    await op.waitForSelector('dialog#confirm[open]');
    await screenshot(op, 'confirm.png');
    await op.click('#confirm-ok');
    await op.waitForSelector('[data-test=release][data-outcome=succeeded]', { timeout: 180_000 });
    const done = await eventually(async () => {
      const s = await status();
      return s.release?.outcome === 'succeeded' ? s : undefined;
    }, 60_000);
    assert.ok(
      (done.audit ?? []).some((a) => a.who === operator.principal && /\bpromote$/.test(a.action)),
      `the promotion is audited with its author: ${JSON.stringify(done.audit)}`,
    );
    await view.waitForSelector('[data-test=release][data-outcome=succeeded]');
    assert.equal(f.load.samples.filter((s) => s.status >= 500).length, 0, 'no 5xx during the release');
    assert.deepEqual(consoleErrors, [], 'the dashboard logged no error');
  });
});
