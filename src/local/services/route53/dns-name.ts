// DNS names as Route 53 stores them: lowercase, fully qualified, other characters as \ooo octal escapes.
export type NameCheck = { readonly kind: 'ok'; readonly name: string } | { readonly kind: 'invalid'; readonly problem: string };

const PLAIN = /^[a-z0-9_-]$/;

/**
 * Splits an input name into labels of bytes (one char per byte, 0–255), honouring \ddd and \c escapes. A character
 * beyond ASCII (an unescaped internationalised name) becomes its UTF-8 bytes, which Route 53 then shows as escapes.
 */
function decodeLabels(input: string): string[] | undefined {
  const labels: string[] = [];
  let label = '';
  const chars = [...input];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\') {
      const octal = /^[0-3][0-7]{2}/.exec(chars.slice(i + 1, i + 4).join(''));
      if (octal) {
        label += String.fromCharCode(parseInt(octal[0], 8));
        i += 3;
        continue;
      }
      const next = chars[i + 1];
      if (next === undefined || /[0-9]/.test(next)) return undefined;
      label += next;
      i++;
      continue;
    }
    if (ch === '.') {
      labels.push(label);
      label = '';
      continue;
    }
    label += ch.codePointAt(0)! > 0x7f ? Buffer.from(ch, 'utf8').toString('latin1') : ch;
  }
  labels.push(label);
  return labels;
}

/** DNS case-insensitivity is ASCII only: A–Z fold to a–z, every other byte stays as it is. */
const foldCase = (c: string): string => (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);

const encodeLabel = (label: string): string =>
  [...label]
    .map(foldCase)
    .map((c) => (PLAIN.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`))
    .join('');

/**
 * Normalises a name as Route 53 stores it [DG R53 "DNS domain name format"]: trailing dot optional on input, always present
 * on output; letters lowercase; every byte other than a-z 0-9 - _ as a \ooo escape. Characters 000–040 and 177–377
 * (octal) must arrive escaped; a raw space or control character is InvalidCharacter.
 */
export function normalizeName(input: string): NameCheck {
  const trimmed = input.endsWith('.') && !input.endsWith('\\.') ? input.slice(0, -1) : input;
  if (trimmed === '') return { kind: 'ok', name: '.' };
  if ([...trimmed].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f)) {
    return { kind: 'invalid', problem: `InvalidCharacter (Invalid character in domain name) encountered with '${input}'` };
  }
  const labels = decodeLabels(trimmed);
  if (!labels) return { kind: 'invalid', problem: `InvalidEscape (Invalid escape sequence) encountered with '${input}'` };
  if (labels.some((l) => l === ''))
    return { kind: 'invalid', problem: `DomainLabelEmpty (Domain label is empty) encountered with '${input}'` };
  if (labels.some((l) => l.length > 63))
    return { kind: 'invalid', problem: `DomainLabelTooLong (Domain label is too long) encountered with '${input}'` };
  if (labels.reduce((n, l) => n + l.length + 1, 1) > 255)
    return { kind: 'invalid', problem: `DomainNameTooLong (Domain name is too long) encountered with '${input}'` };
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
