// The dashboard's one way to the server: same-origin fetches with the session cookie, and the CSRF token on every change.
/* global fetch, EventSource */

/** An API error with the server's {error: {code, message}} body. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let csrf = '';

/** Remembers the token /api/me hands out; state-changing requests carry it in X-CSRF-Token. */
export const setCsrf = (token) => {
  csrf = token ?? '';
};

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = data?.error ?? {};
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? (text.slice(0, 200) || res.statusText));
  }
  return data;
}

const app = (name) => `/api/apps/${encodeURIComponent(name)}`;

export const api = {
  me: () => call('GET', '/api/me'),
  apps: () => call('GET', '/api/apps'),
  canary: (name) => call('GET', `${app(name)}/canary`),
  service: (name) => call('GET', `${app(name)}/service`),
  envs: (name) => call('GET', `${app(name)}/envs`),
  canaryAction: (name, action, body = {}) => call('POST', `${app(name)}/canary/${action}`, body),
  deleteEnv: (name, env) => call('DELETE', `${app(name)}/envs/${encodeURIComponent(env)}`),
  logout: () => call('POST', '/logout', {}),
  /** The live release: `status` events carry the same JSON as canary(); `end` says no release is in progress. */
  canaryEvents: (name) => new EventSource(`${app(name)}/canary/events`, { withCredentials: true }),
};
