// The release chart: the canary's success rate against stable's, its latency against the bound, from the statuses seen so far.
import { fmtNum, h, s } from './dom.js';

const W = 560;
const H = 120;
const PAD = { l: 60, r: 10, t: 10, b: 18 };
const MAX_SAMPLES = 240;

const rate = (requests, errors) => (requests > 0 ? 100 * (1 - errors / requests) : undefined);
const latencyMetric = (view) => (view.metrics ?? []).find((m) => /latency|response.?time/i.test(m.name));
const successMetric = (view) => (view.metrics ?? []).find((m) => /success/i.test(m.name));

/** One point per status: success rates from the observed split (both sides), latency from the canary's latency check
 * (the status carries no latency of stable's). */
export function sampleOf(view) {
  const o = view.observed ?? {};
  const lat = latencyMetric(view);
  return {
    at: view.at,
    canarySuccess: rate(o.canaryRequests ?? 0, o.canaryErrors ?? 0),
    stableSuccess: rate(o.stableRequests ?? 0, o.stableErrors ?? 0),
    canaryLatency: lat?.value,
  };
}

/** A bounded history of samples, one per distinct status time. */
export class History {
  constructor() {
    this.samples = [];
  }
  add(view) {
    if (typeof view?.at !== 'number') return;
    const last = this.samples[this.samples.length - 1];
    if (last && last.at >= view.at) return;
    this.samples.push(sampleOf(view));
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }
}

function panel(title, samples, series, bound, unit) {
  const values = samples.flatMap((p) => series.map((k) => p[k.key])).filter((v) => typeof v === 'number');
  // A bound far from every value would flatten the lines against an axis: it is then named, not drawn.
  const min = Math.min(...values);
  const max = Math.max(...values);
  const reach = 2 * Math.max(max - min, Math.abs(max) * 0.1, 1);
  const near = typeof bound === 'number' && (!values.length || (bound >= min - reach && bound <= max + reach));
  if (near) values.push(bound);
  const x0 = samples[0]?.at ?? 0;
  const x1 = Math.max(samples[samples.length - 1]?.at ?? 1, x0 + 1);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.1;
  // Neither a negative latency nor a success rate above 100 % is drawn on the axis.
  lo = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
  hi = unit === '%' && hi <= 100 ? Math.min(100, hi + pad) : hi + pad;
  const x = (t) => PAD.l + ((t - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const y = (v) => PAD.t + (1 - (v - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
  const lines = series.map((k) => {
    const pts = samples.filter((p) => typeof p[k.key] === 'number').map((p) => `${x(p.at).toFixed(1)},${y(p[k.key]).toFixed(1)}`);
    return pts.length ? s('polyline', { points: pts.join(' '), class: `line ${k.cls}`, 'data-series': k.key }) : null;
  });
  const boundLine = !near
    ? typeof bound === 'number'
      ? s('text', { x: W - PAD.r - 4, y: PAD.t + 10, class: 'axis', 'text-anchor': 'end' }, `bound ${fmtNum(bound)}${unit}, off the scale`)
      : null
    : typeof bound === 'number'
      ? s('line', { x1: PAD.l, x2: W - PAD.r, y1: y(bound), y2: y(bound), class: 'bound' }, s('title', {}, `bound ${bound}${unit}`))
      : null;
  return h(
    'figure',
    { class: 'panel' },
    h('figcaption', {}, title),
    s(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': title },
      s('rect', { x: PAD.l, y: PAD.t, width: W - PAD.l - PAD.r, height: H - PAD.t - PAD.b, class: 'plot' }),
      s('text', { x: PAD.l - 4, y: PAD.t + 8, class: 'axis', 'text-anchor': 'end' }, `${fmtNum(hi, hi >= 100 ? 0 : 1)}${unit}`),
      s('text', { x: PAD.l - 4, y: H - PAD.b, class: 'axis', 'text-anchor': 'end' }, `${fmtNum(lo, lo >= 100 ? 0 : 1)}${unit}`),
      boundLine,
      ...lines,
    ),
  );
}

/** Both panels and a legend; samples without data draw nothing rather than a made-up zero. */
export function chart(history, view) {
  const samples = history.samples;
  const sr = successMetric(view);
  const lat = latencyMetric(view);
  return h(
    'section',
    { class: 'chart', 'data-samples': samples.length },
    h(
      'p',
      { class: 'legend' },
      h('span', { class: 'key canary' }, 'canary'),
      h('span', { class: 'key stable' }, 'stable'),
      h('span', { class: 'key bound' }, 'bound'),
    ),
    panel(
      'Success rate (%)',
      samples,
      [
        { key: 'stableSuccess', cls: 'stable' },
        { key: 'canarySuccess', cls: 'canary' },
      ],
      sr?.bounds?.min,
      '%',
    ),
    lat ? panel(`Latency: ${lat.name} (ms)`, samples, [{ key: 'canaryLatency', cls: 'canary' }], lat.bounds?.max, ' ms') : null,
  );
}
