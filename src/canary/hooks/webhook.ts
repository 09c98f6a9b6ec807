// Gates and hooks over HTTP: POST a JSON description of the release; any 2xx answer means go.
import type { Webhook } from '../canary-spec.js';

export interface HookPayload {
  readonly name: string;
  readonly phase: string;
  readonly cluster: string;
  readonly service: string;
  readonly revision: string;
  readonly releaseId: string;
}

export interface HookResult {
  readonly ok: boolean;
  readonly reason: string;
}

export async function callWebhook(hook: Webhook, payload: HookPayload, signal: AbortSignal): Promise<HookResult> {
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...payload, hook: hook.name }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(hook.timeoutMs)]),
    });
    await res.arrayBuffer();
    return { ok: res.status >= 200 && res.status < 300, reason: `${hook.name} answered ${res.status}` };
  } catch (e) {
    if (signal.aborted) throw e;
    return { ok: false, reason: `${hook.name} (${hook.url}): ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Every hook in order; the first refusal stops the list. */
export async function callWebhooks(
  hooks: readonly Webhook[],
  payload: Omit<HookPayload, 'name'>,
  signal: AbortSignal,
): Promise<HookResult> {
  for (const h of hooks) {
    const r = await callWebhook(h, { ...payload, name: h.name }, signal);
    if (!r.ok) return r;
  }
  return { ok: true, reason: hooks.length ? `${hooks.map((h) => h.name).join(', ')} answered 2xx` : 'no hooks' };
}
