// Go's fmt.Sprintf for the verbs templates use (%s %v %d %q %f %t %x %%, with width and the - and 0 flags), shared by printf and tfstatef.
import { goFormat, type TemplateValue } from './template-values.js';

export type FormatArg = TemplateValue;

function pad(s: string, flags: string, width: string | undefined, numeric: boolean): string {
  const w = width === undefined ? 0 : Number(width);
  if (s.length >= w) return s;
  if (flags.includes('-')) return s.padEnd(w);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(w - sign.length, '0');
  }
  return s.padStart(w);
}

const bad = (verb: string, a: FormatArg) => `%!${verb}(${a === null ? '<nil>' : `${typeof a}=${goFormat(a)}`})`;

export function sprintf(format: string, args: readonly FormatArg[]): string {
  let next = 0;
  const out = format.replace(
    /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g,
    (whole, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (next >= args.length) return `%!${verb}(MISSING)`;
      const a = args[next++]!;
      const num = typeof a === 'number';
      const sign = (s: string) => (flags.includes('+') && num && a >= 0 ? `+${s}` : s);
      let s: string;
      switch (verb) {
        case 's':
        case 'v':
          s = a === null ? '<nil>' : goFormat(a);
          if (verb === 's' && precision !== undefined) s = s.slice(0, Number(precision));
          break;
        case 'd':
          s = num && Number.isInteger(a) ? sign(String(a)) : bad('d', a);
          break;
        case 'q':
          s = typeof a === 'string' ? JSON.stringify(a) : bad('q', a);
          break;
        case 'f':
          s = num ? sign(a.toFixed(precision === undefined ? 6 : Number(precision))) : bad('f', a);
          break;
        case 't':
          s = typeof a === 'boolean' ? String(a) : bad('t', a);
          break;
        case 'x':
        case 'X': {
          const hex = num && Number.isInteger(a) ? a.toString(16) : typeof a === 'string' ? Buffer.from(a).toString('hex') : undefined;
          s = hex === undefined ? bad(verb, a) : verb === 'X' ? hex.toUpperCase() : hex;
          break;
        }
        default:
          return whole;
      }
      return pad(s, flags, width, num);
    },
  );
  return next < args.length
    ? `${out}%!(EXTRA ${args
        .slice(next)
        .map((a) => `${a === null ? '<nil>' : typeof a}=${a === null ? '' : goFormat(a)}`)
        .join(', ')})`
    : out;
}
