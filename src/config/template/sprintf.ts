// Go's fmt.Sprintf for the verbs templates use (%s %v %d %q %f %%), shared by printf and tfstatef.
export type FormatArg = string | number | boolean | null;

export function sprintf(format: string, args: readonly FormatArg[]): string {
  let next = 0;
  const out = format.replace(
    /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g,
    (whole, _flags: string, _width: string | undefined, precision: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (next >= args.length) return `%!${verb}(MISSING)`;
      const a = args[next++]!;
      switch (verb) {
        case 's':
        case 'v':
          return a === null ? '<nil>' : String(a);
        case 'd':
          return typeof a === 'number' && Number.isInteger(a) ? String(a) : `%!d(${typeof a}=${String(a)})`;
        case 'q':
          return JSON.stringify(String(a));
        case 'f':
          return typeof a === 'number' ? a.toFixed(precision === undefined ? 6 : Number(precision)) : `%!f(${typeof a}=${String(a)})`;
        case 't':
          return typeof a === 'boolean' ? String(a) : `%!t(${typeof a}=${String(a)})`;
        default:
          return whole;
      }
    },
  );
  return next < args.length ? `${out}%!(EXTRA ${args.slice(next).map(String).join(', ')})` : out;
}
