// The release view: weights set and observed, each analysis against its bounds, the chart, services, events, audit, buttons.
import { chart } from './chart.js';
import { fmtNum, fmtTime, h } from './dom.js';

const bounds = (b = {}) =>
  [typeof b.min === 'number' ? `≥ ${fmtNum(b.min, 2)}` : null, typeof b.max === 'number' ? `≤ ${fmtNum(b.max, 2)}` : null]
    .filter(Boolean)
    .join(' and ') || 'none';

const badge = (text, kind = text) => h('span', { class: `badge ${kind}` }, text);

function weightBar(label, canary, test) {
  const c = typeof canary === 'number' ? Math.max(0, Math.min(100, canary)) : undefined;
  return h(
    'div',
    { class: 'weight', 'data-test': test, 'data-canary': c === undefined ? '' : fmtNum(c) },
    h('span', { class: 'label' }, label),
    h(
      'span',
      { class: 'bar' },
      c === undefined
        ? h('span', { class: 'none' }, 'no traffic')
        : [h('span', { class: 'canary', style: { width: `${c}%` } }), h('span', { class: 'stable', style: { width: `${100 - c}%` } })],
    ),
    h('span', { class: 'value' }, c === undefined ? '–' : `canary ${fmtNum(c)}% · stable ${fmtNum(100 - c)}%`),
  );
}

/** Phases after the last step (the gate, promotion) and success: every step is behind the release. */
const AFTER_STEPS = ['awaiting-promotion', 'promoting'];

function steps(view) {
  const r = view.release;
  const pastSteps = r?.outcome === 'succeeded' || (r?.outcome === 'in-progress' && AFTER_STEPS.includes(r.phase));
  return h(
    'ol',
    { class: 'steps', 'data-test': 'steps' },
    (view.steps ?? []).map((w, i) =>
      h('li', { class: r?.outcome === 'in-progress' && r.step === i ? 'current' : r?.step > i || pastSteps ? 'done' : '' }, `${w}%`),
    ),
  );
}

function analyses(view) {
  return h(
    'table',
    { class: 'analyses', 'data-test': 'analyses' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}, 'check'), h('th', {}, 'canary now'), h('th', {}, 'bounds'), h('th', {}, 'status'), h('th', {}, 'why')),
    ),
    h(
      'tbody',
      {},
      (view.metrics ?? []).map((m) =>
        h(
          'tr',
          { 'data-metric': m.name, 'data-status': m.status },
          h('td', {}, m.name),
          h('td', { class: 'num' }, fmtNum(m.value, 2)),
          h('td', {}, bounds(m.bounds)),
          h('td', {}, badge(m.status)),
          h('td', { class: 'muted' }, m.reason ?? ''),
        ),
      ),
    ),
  );
}

function services(view) {
  return h(
    'table',
    { class: 'services' },
    h('thead', {}, h('tr', {}, h('th', {}, 'role'), h('th', {}, 'service'), h('th', {}, 'tasks'), h('th', {}, 'image'))),
    h(
      'tbody',
      {},
      (view.services ?? []).map((sv) =>
        h(
          'tr',
          {},
          h('td', {}, sv.role),
          h('td', {}, sv.name),
          h('td', { class: 'num' }, `${sv.running}/${sv.desired}${sv.pending ? ` (+${sv.pending} pending)` : ''}`),
          h('td', { class: 'mono' }, (sv.images ?? []).join(', ')),
        ),
      ),
    ),
  );
}

const list = (cls, items, empty, row) => (items?.length ? h('ul', { class: cls }, items.map(row)) : h('p', { class: 'muted' }, empty));

/** Which buttons make sense now (the server decides; these only spare pointless clicks). */
export function actionsFor(view) {
  const r = view.release;
  if (!r || r.outcome !== 'in-progress') return [];
  // A release whose controller's lease ran out can be resumed as well as a paused one.
  const resume = view.paused || (view.controller && !view.controller.live);
  return [...(resume ? ['resume'] : []), ...(view.paused ? [] : ['pause']), 'promote', 'abort'];
}

const ACTION_TEXT = {
  pause: 'Hold the release at its current weights until resumed.',
  resume: 'Continue the release from where it was held.',
  promote: 'Promote the canary: answer the confirm-promotion gate and send all traffic to the new revision.',
  abort: 'Abort the release: all traffic back to stable at once, canary scaled to zero.',
};

/** The whole view; `ctx` = {app, view, history, canAct, onAction(action, text), live, error}. */
export function releaseView(ctx) {
  const { view } = ctx;
  const r = view.release;
  const inProgress = r?.outcome === 'in-progress';
  return h(
    'section',
    { class: 'release', 'data-test': 'release', 'data-outcome': r?.outcome ?? 'none', 'data-phase': r?.phase ?? '' },
    h(
      'div',
      { class: 'summary' },
      h('h2', {}, r ? `Release ${r.revision.split('/').pop()}` : 'No release recorded'),
      r ? badge(r.outcome) : null,
      r && inProgress ? badge(r.phase, 'phase') : null,
      view.paused ? badge('paused') : null,
      view.request ? badge(`${view.request.kind} requested`, 'request') : null,
      h('span', { class: `live ${ctx.live ? 'on' : 'off'}`, title: 'live updates' }, ctx.live ? '● live' : '○ not live'),
    ),
    r
      ? h(
          'p',
          { class: 'meta muted' },
          `router ${view.router} · started ${fmtTime(r.startedAt)}`,
          typeof r.step === 'number' ? ` · step ${r.step + 1}/${view.steps.length}` : '',
          view.controller ? ` · controller ${view.controller.owner} (${view.controller.live ? 'live' : 'lease expired'})` : '',
          r.reason ? ` · ${r.reason}` : '',
        )
      : null,
    ctx.canAct && inProgress
      ? h(
          'div',
          { class: 'actions', 'data-test': 'actions' },
          actionsFor(view).map((a) =>
            h(
              'button',
              {
                class: a === 'abort' ? 'danger' : a === 'promote' ? 'primary' : '',
                'data-action': a,
                onclick: () => ctx.onAction(a, ACTION_TEXT[a]),
              },
              a,
            ),
          ),
        )
      : null,
    r?.phase === 'awaiting-promotion' && inProgress
      ? h('p', { class: 'gate', 'data-test': 'gate' }, 'Every step passed: the release waits for someone to promote it.')
      : null,
    ctx.error ? h('p', { class: 'error', role: 'alert' }, ctx.error) : null,
    h('h3', {}, 'Weights'),
    steps(view),
    weightBar('set', view.weights?.canary, 'weight-set'),
    weightBar('observed', view.observed?.canaryShare, 'weight-observed'),
    view.observed
      ? h(
          'p',
          { class: 'muted small' },
          `window ${fmtTime(view.observed.window?.start)}–${fmtTime(view.observed.window?.end)}: stable ${view.observed.stableRequests} requests (${view.observed.stableErrors} errors), canary ${view.observed.canaryRequests} (${view.observed.canaryErrors} errors)`,
        )
      : null,
    h('h3', {}, 'Analysis'),
    analyses(view),
    chart(ctx.history, view),
    h('h3', {}, 'Services'),
    services(view),
    h('h3', {}, 'Events'),
    list('events', view.events, 'No events.', (e) => h('li', {}, h('time', {}, fmtTime(e.at)), ` ${e.service}: ${e.message}`)),
    h('h3', {}, 'Audit'),
    list('audit', view.audit, 'No actions recorded.', (a) =>
      h(
        'li',
        {},
        h('time', {}, fmtTime(typeof a.at === 'number' ? a.at : Date.parse(a.at))),
        ` ${a.who} ${a.action}`,
        a.from ? ` from ${a.from}` : '',
      ),
    ),
  );
}
