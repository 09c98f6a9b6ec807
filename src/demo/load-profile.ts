// Load profiles (pure): a constant rate, steps (`step:50@30s,600@60s`) or a ramp (`ramp:50..600/60s`), and the rate at any moment.
import { UsageError } from '../core/errors.js';
import { parseDuration } from '../config/duration.js';

export type LoadProfile =
  | { readonly kind: 'constant'; readonly rate: number }
  /** Each rate held for its duration, one after the other; the last rate holds after the end. */
  | { readonly kind: 'step'; readonly steps: ReadonlyArray<{ readonly rate: number; readonly ms: number }> }
  /** From one rate to another in a straight line over `ms`; `to` holds after the end. */
  | { readonly kind: 'ramp'; readonly from: number; readonly to: number; readonly ms: number };

export const PROFILE_FORM = 'step:RATE@DURATION[,RATE@DURATION...] or ramp:FROM..TO/DURATION (e.g. step:50@30s,600@60s, ramp:50..600/60s)';

/** Requests per second at `elapsedMs` after the start. */
export function rateAt(p: LoadProfile, elapsedMs: number): number {
  if (p.kind === 'constant') return p.rate;
  if (p.kind === 'ramp') return elapsedMs >= p.ms ? p.to : p.from + ((p.to - p.from) * Math.max(0, elapsedMs)) / p.ms;
  let end = 0;
  for (const s of p.steps) {
    end += s.ms;
    if (elapsedMs < end) return s.rate;
  }
  return p.steps[p.steps.length - 1]?.rate ?? 0;
}

/** How many requests are due by `elapsedMs` (the integral of the rate), so a sender never drifts from the profile. */
export function requestsDue(p: LoadProfile, elapsedMs: number): number {
  const t = Math.max(0, elapsedMs);
  if (p.kind === 'constant') return (p.rate * t) / 1000;
  if (p.kind === 'ramp') {
    const within = Math.min(t, p.ms);
    const rampPart = (within * (p.from + rateAt(p, within))) / 2 / 1000;
    return rampPart + (Math.max(0, t - p.ms) * p.to) / 1000;
  }
  let due = 0;
  let start = 0;
  for (const s of p.steps) {
    const part = Math.min(Math.max(0, t - start), s.ms);
    due += (part * s.rate) / 1000;
    start += s.ms;
  }
  const last = p.steps[p.steps.length - 1]?.rate ?? 0;
  return due + (Math.max(0, t - start) * last) / 1000;
}

/** The profile's own length (ms); a constant rate has none. */
export const profileLength = (p: LoadProfile): number | undefined =>
  p.kind === 'constant' ? undefined : p.kind === 'ramp' ? p.ms : p.steps.reduce((a, s) => a + s.ms, 0);

const bad = (option: string, text: string, why: string): UsageError =>
  new UsageError('BAD_OPTION', `${option} expects ${PROFILE_FORM}, got ${JSON.stringify(text)}: ${why}`, { field: option });

const rateOf = (raw: string, option: string, text: string): number => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0)
    throw bad(option, text, `${JSON.stringify(raw)} is not a rate (requests per second >= 0)`);
  return n;
};

const durationOf = (raw: string, option: string, text: string): number => {
  const ms = parseDuration(raw);
  if (ms === undefined || ms <= 0) throw bad(option, text, `${JSON.stringify(raw)} is not a duration such as 30s or 2m`);
  return ms;
};

/** Parses a --profile value; every mistake names the option, the form and the part that is wrong. */
export function parseProfile(text: string, option = '--profile'): LoadProfile {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const body = colon < 0 ? '' : text.slice(colon + 1);
  if (kind === 'step') {
    if (body.trim() === '') throw bad(option, text, 'no steps');
    const steps = body.split(',').map((part) => {
      const at = part.indexOf('@');
      if (at < 0) throw bad(option, text, `step ${JSON.stringify(part)} has no @DURATION`);
      return { rate: rateOf(part.slice(0, at), option, text), ms: durationOf(part.slice(at + 1), option, text) };
    });
    return { kind: 'step', steps };
  }
  if (kind === 'ramp') {
    const m = /^(.+?)\.\.([^/]+)\/(.+)$/.exec(body);
    if (!m) throw bad(option, text, 'a ramp is FROM..TO/DURATION');
    return { kind: 'ramp', from: rateOf(m[1]!, option, text), to: rateOf(m[2]!, option, text), ms: durationOf(m[3]!, option, text) };
  }
  throw bad(option, text, `unknown profile kind ${JSON.stringify(kind)}`);
}
