// DNS names as Route 53 stores them: lowercase, fully qualified, other characters as \ooo octal escapes.
export type NameCheck = { readonly kind: 'ok'; readonly name: string } | { readonly kind: 'invalid'; readonly problem: string };

const PLAIN = /^[a-z0-9_-]$/;

/** Splits an input name into decoded labels, honouring \ddd and \c escapes. */
function decodeLabels(input: string): string[] | undefined {
  const labels: string[] = [];
  let label = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '\\') {
      const octal = /^[0-7]{3}/.exec(input.slice(i + 1));
      if (octal) {
        label += String.fromCharCode(parseInt(octal[0], 8));
        i += 3;
        continue;
      }
      const next = input[i + 1];
      if (next === undefined) return undefined;
      label += next;
      i++;
      continue;
    }
    if (ch === '.') {
      labels.push(label);
      label = '';
      continue;
    }
    label += ch;
  }
  labels.push(label);
  return labels;
}

const encodeLabel = (label: string): string =>
  [...label.toLowerCase()].map((c) => (PLAIN.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)).join('');

/** Normalises a name: trailing dot optional on input, always present on output [DG R53 "DNS domain name format"]. */
export function normalizeName(input: string): NameCheck {
  const trimmed = input.endsWith('.') && !input.endsWith('\\.') ? input.slice(0, -1) : input;
  if (trimmed === '') return { kind: 'ok', name: '.' };
  const labels = decodeLabels(trimmed);
  if (!labels) return { kind: 'invalid', problem: `InvalidEscape (Invalid escape sequence) encountered with '${input}'` };
  if (labels.some((l) => l === ''))
    return { kind: 'invalid', problem: `DomainLabelEmpty (Domain label is empty) encountered with '${input}'` };
  if (labels.some((l) => l.length > 63))
    return { kind: 'invalid', problem: `DomainLabelTooLong (Domain label is too long) encountered with '${input}'` };
  if (labels.reduce((n, l) => n + l.length + 1, 1) > 255)
    return { kind: 'invalid', problem: `DomainNameTooLong (Domain name is too long) encountered with '${input}'` };
  if (labels.some((l) => [...l].some((c) => c.charCodeAt(0) < 0x21 || c.charCodeAt(0) > 0x7e))) {
    return { kind: 'invalid', problem: `InvalidCharacter (Invalid character in domain name) encountered with '${input}'` };
  }
  return { kind: 'ok', name: `${labels.map(encodeLabel).join('.')}.` };
}

/** ListResourceRecordSets order: labels reversed (com.example.www.), compared as ASCII. */
export const reversedName = (name: string): string => {
  if (name === '.') return '.';
  return `${name.slice(0, -1).split('.').reverse().join('.')}.`;
};

export const compareNames = (a: string, b: string): number => {
  const ra = reversedName(a);
  const rb = reversedName(b);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
};

/** Whether `name` is the zone apex or below it. */
export const isInZone = (name: string, zone: string): boolean => name === zone || name.endsWith(`.${zone}`) || zone === '.';
