// The other views: sign-in, the services list, an application's preview environments and its deploy status.
import { fmtTime, h } from './dom.js';

export function loginView(onSubmit, error) {
  const input = h('input', {
    type: 'password',
    name: 'token',
    id: 'token',
    autocomplete: 'current-password',
    required: true,
    placeholder: 'cortado token',
  });
  return h(
    'form',
    {
      class: 'login',
      method: 'post',
      action: '/login',
      'data-test': 'login',
      onsubmit: (e) => {
        e.preventDefault();
        onSubmit(input.value);
      },
    },
    h('h2', {}, 'Sign in'),
    h('label', { for: 'token' }, 'Token'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
  );
}

export function appsView(apps, roles) {
  if (!apps.length) return h('p', { class: 'muted' }, 'No applications are configured on this server.');
  return h(
    'table',
    { class: 'apps', 'data-test': 'apps' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'application'),
        h('th', {}, 'cluster'),
        h('th', {}, 'service'),
        h('th', {}, 'features'),
        h('th', {}, 'your role'),
      ),
    ),
    h(
      'tbody',
      {},
      apps.map((a) =>
        h(
          'tr',
          { 'data-app': a.app },
          h('td', {}, h('a', { href: `#/app/${encodeURIComponent(a.app)}` }, a.app)),
          h('td', {}, a.cluster ?? ''),
          h('td', {}, a.service ?? ''),
          h(
            'td',
            {},
            a.canary ? h('span', { class: 'badge' }, 'canary') : null,
            ' ',
            a.preview ? h('span', { class: 'badge' }, 'preview') : null,
          ),
          h('td', {}, roles[a.app] ?? 'none'),
        ),
      ),
    ),
  );
}

/** The server may answer a listing as rows or as {rows}. */
const rowsOf = (listing) => (Array.isArray(listing) ? listing : (listing?.rows ?? listing?.envs ?? []));

export function envsView(listing, canAct, onDelete) {
  const rows = rowsOf(listing);
  if (!rows.length) return h('p', { class: 'muted', 'data-test': 'envs' }, 'No preview environments.');
  return h(
    'table',
    { class: 'envs', 'data-test': 'envs' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'environment'),
        h('th', {}, 'URL'),
        h('th', {}, 'image'),
        h('th', {}, 'tasks'),
        h('th', {}, 'status'),
        h('th', {}, 'updated'),
        canAct ? h('th', {}, '') : null,
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((e) =>
        h(
          'tr',
          { 'data-env': e.name },
          h('td', {}, e.name),
          h('td', {}, e.url ? h('a', { href: e.url, target: '_blank', rel: 'noopener noreferrer' }, e.url) : ''),
          h('td', { class: 'mono' }, e.image ?? ''),
          h('td', { class: 'num' }, `${e.running ?? 0}/${e.desired ?? 0}`),
          h('td', {}, h('span', { class: `badge ${e.status}` }, e.status), e.missing?.length ? ` lacks ${e.missing.join(', ')}` : ''),
          h('td', {}, e.updatedAt ? fmtTime(Date.parse(e.updatedAt)) : ''),
          canAct ? h('td', {}, h('button', { class: 'danger', 'data-action': 'delete', onclick: () => onDelete(e.name) }, 'delete')) : null,
        ),
      ),
    ),
  );
}

export const serviceView = (status) =>
  h(
    'details',
    { class: 'service-status' },
    h('summary', {}, 'Deploy status (as `cortado status --output json`)'),
    h('pre', {}, JSON.stringify(status, null, 2)),
  );
