// IPv4 CIDR blocks as EC2 checks them: well-formed, aligned, inside the VPC's block, not overlapping another subnet.
import { isIPv4 } from 'node:net';

export interface Block {
  readonly start: number;
  readonly prefix: number;
  /** Addresses in the block. */
  readonly size: number;
}

const toNumber = (ip: string): number => ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);

export const toAddress = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** A network-aligned IPv4 block (10.0.0.0/16), or undefined (10.0.0.1/16, 10.0.0.0/33, text). */
export function parseBlock(text: string): Block | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
  if (!m || !isIPv4(m[1]!)) return undefined;
  const prefix = Number(m[2]);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const start = toNumber(m[1]!);
  if (start % size !== 0) return undefined;
  return { start, prefix, size };
}

export const contains = (outer: Block, inner: Block): boolean =>
  inner.start >= outer.start && inner.start + inner.size <= outer.start + outer.size;

export const overlaps = (a: Block, b: Block): boolean => a.start < b.start + b.size && b.start < a.start + a.size;

/** Any IPv4 address or block in CIDR notation (security group rules accept host bits: 10.0.0.1/32). */
export const isCidrV4 = (text: string): boolean => {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
  return m !== null && isIPv4(m[1]!) && Number(m[2]) <= 32;
};
