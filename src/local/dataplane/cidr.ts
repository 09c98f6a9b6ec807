// CIDR blocks for source-ip conditions: parsing (v4 and v6) and membership of a client address.
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  readonly family: 4 | 6;
  readonly bits: bigint;
  readonly prefix: number;
}

function v4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBigInt(ip: string): bigint {
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = v4ToBigInt(v4[1]!);
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((acc, h) => (acc << 16n) | BigInt(parseInt(h || '0', 16)), 0n);
}

/** Parses `10.0.0.0/8` or `2001:db8::/32`; undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const prefix = Number(m[2]);
  if (isIPv4(m[1]!) && prefix <= 32) return { family: 4, bits: v4ToBigInt(m[1]!), prefix };
  if (isIPv6(m[1]!) && prefix <= 128) return { family: 6, bits: v6ToBigInt(m[1]!), prefix };
  return undefined;
}

/** Whether `ip` (as node reports remote addresses, IPv4-mapped IPv6 included) lies in the block. */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  let family: 4 | 6;
  let value: bigint;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && cidr.family === 4) {
    family = 4;
    value = v4ToBigInt(mapped[1]!);
  } else if (isIPv4(ip)) {
    family = 4;
    value = v4ToBigInt(ip);
  } else if (isIPv6(ip)) {
    family = 6;
    value = v6ToBigInt(ip);
  } else return false;
  if (family !== cidr.family) return false;
  const width = family === 4 ? 32 : 128;
  const shift = BigInt(width - cidr.prefix);
  return value >> shift === cidr.bits >> shift;
}
