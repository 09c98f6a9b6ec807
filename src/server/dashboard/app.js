// The dashboard's entry: who is signed in, which view the URL hash asks for, live updates over SSE, confirmed actions.
/* global document, window, location, fetch, setTimeout, clearTimeout */
import { api, ApiError, setCsrf } from './api.js';
import { History } from './chart.js';
import { h, mount } from './dom.js';
import { releaseView } from './release.js';
import { appsView, envsView, loginView, serviceView } from './views.js';

/** How soon the release view listens again after the server said no release is in progress. */
const RELISTEN_MS = 3000;
const main = document.getElementById('main');
const who = document.getElementById('who');
let me;
/** What the current page holds open (an EventSource), closed when the route changes. */
let cleanup = () => {};

const canAct = (app) => ['operator', 'admin'].includes(me?.roles?.[app]);
const message = (e) => (e instanceof ApiError ? `${e.message} (${e.status} ${e.code})` : String(e?.message ?? e));

/** Resolves true when the user confirms in the dialog. */
function confirmAction(title, text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

async function signIn(token) {
  const res = await fetch('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
    credentials: 'same-origin',
    redirect: 'manual',
  });
  if (res.ok || res.type === 'opaqueredirect' || res.status === 303) return start();
  mount(main, loginView(signIn, res.status === 401 ? 'That token is not valid.' : `Sign-in failed (${res.status}).`));
}

function header() {
  mount(
    who,
    me
      ? [
          h('span', { 'data-test': 'principal' }, me.principal),
          ' ',
          h(
            'button',
            {
              class: 'link',
              onclick: async () => {
                await api.logout().catch(() => undefined);
                me = undefined;
                start();
              },
            },
            'sign out',
          ),
        ]
      : [],
  );
}

async function showApps() {
  mount(main, h('h2', {}, 'Services'), appsView(await api.apps(), me.roles ?? {}));
}

function showRelease(app, box) {
  const history = new History();
  const state = { view: undefined, live: false, error: '', readError: '' };
  const render = () => {
    if (!state.view) return mount(box, h('p', { class: 'muted' }, 'Reading the release…'));
    mount(box, releaseView({ app, view: state.view, history, canAct: canAct(app), live: state.live, error: state.error, onAction }));
  };
  const update = (view) => {
    state.view = view;
    history.add(view);
    render();
  };
  async function onAction(action, text) {
    if (!(await confirmAction(`${action} ${app}?`, text))) return;
    try {
      state.error = '';
      await api.canaryAction(app, action, action === 'promote' ? { skipAnalysis: false } : {});
      update(await api.canary(app));
    } catch (e) {
      state.error = `${action} failed: ${message(e)}`;
      render();
    }
  }
  render();
  api.canary(app).then(update, (e) => {
    state.error = message(e);
    state.view = state.view ?? { steps: [], metrics: [] };
    render();
  });
  // The server sends `status` while a release is in progress and `end` (after a last status) when none is: the page
  // then listens again a little later, so a release started meanwhile shows up without a reload.
  let events;
  let again;
  const follow = () => {
    events = api.canaryEvents(app);
    events.addEventListener('open', () => {
      state.live = true;
      if (state.view) render();
    });
    events.addEventListener('status', (e) => {
      state.live = true;
      if (state.readError) state.error = state.readError = '';
      update(JSON.parse(e.data));
    });
    events.addEventListener('end', () => {
      state.live = false;
      events.close();
      render();
      again = setTimeout(follow, RELISTEN_MS);
    });
    // Both the connection's errors and the server's `event: error` (a failed read of AWS, with its message).
    events.addEventListener('error', (e) => {
      state.live = events.readyState === 1;
      if (e.data) {
        try {
          state.error = state.readError = message(JSON.parse(e.data).error ?? e.data);
        } catch {
          state.error = state.readError = String(e.data);
        }
      }
      if (state.view) render();
    });
  };
  follow();
  return () => {
    clearTimeout(again);
    events.close();
  };
}

async function showEnvs(app, box) {
  const load = async () => {
    try {
      mount(box, envsView(await api.envs(app), canAct(app), onDelete));
    } catch (e) {
      mount(box, h('p', { class: 'error' }, message(e)));
    }
  };
  async function onDelete(env) {
    if (
      !(await confirmAction(
        `delete ${env}?`,
        `Delete the preview environment ${env} of ${app}: its service, target group, rule and record.`,
      ))
    )
      return;
    try {
      await api.deleteEnv(app, env);
    } catch (e) {
      return mount(box, h('p', { class: 'error', role: 'alert' }, `delete failed: ${message(e)}`));
    }
    await load();
  }
  await load();
}

async function showApp(app) {
  const apps = await api.apps();
  const a = apps.find((x) => x.app === app);
  if (!a) return mount(main, h('p', { class: 'error' }, `No application ${app} on this server.`));
  const release = h('div', { id: 'release' });
  const envs = h('div', { id: 'envs' });
  const service = h('div', { id: 'service' });
  mount(
    main,
    h(
      'p',
      { class: 'crumbs' },
      h('a', { href: '#/' }, 'Services'),
      ` / ${app}`,
      h('span', { class: 'muted' }, ` (your role: ${me.roles?.[app] ?? 'none'})`),
    ),
    a.canary ? [h('h2', {}, 'Canary release'), release] : null,
    a.preview ? [h('h2', {}, 'Preview environments'), envs] : null,
    h('h2', {}, 'Service'),
    service,
  );
  if (a.canary) cleanup = showRelease(app, release);
  if (a.preview) showEnvs(app, envs);
  api.service(app).then(
    (s) => mount(service, serviceView(s)),
    (e) => mount(service, h('p', { class: 'muted' }, message(e))),
  );
}

async function route() {
  cleanup();
  cleanup = () => {};
  const m = /^#\/app\/([^/]+)/.exec(location.hash);
  try {
    if (m) await showApp(decodeURIComponent(m[1]));
    else await showApps();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return start();
    mount(main, h('p', { class: 'error', role: 'alert' }, message(e)));
  }
}

async function start() {
  try {
    me = await api.me();
    setCsrf(me.csrf);
  } catch (e) {
    me = undefined;
    header();
    if (e instanceof ApiError && e.status === 401) return mount(main, loginView(signIn));
    return mount(main, h('p', { class: 'error', role: 'alert' }, message(e)));
  }
  header();
  await route();
}

window.addEventListener('hashchange', route);
start();
