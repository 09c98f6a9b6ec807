// Identifiers in AWS's formats: ARNs, 32-hex task ids, request ids, decimal deployment ids.
import { randomBytes, randomUUID } from 'node:crypto';

export const arn = (service: string, region: string, accountId: string, resource: string): string =>
  `arn:aws:${service}:${region}:${accountId}:${resource}`;

export const hexId = (bytes = 16): string => randomBytes(bytes).toString('hex');

export const uuid = (): string => randomUUID();

/** 19 decimal digits, like ECS deployment ids (ecs-svc/9223370493423413672). */
export const decimalId = (digits = 19): string => {
  let out = String(1 + (randomBytes(1)[0]! % 9));
  while (out.length < digits) out += String(randomBytes(1)[0]! % 10);
  return out;
};

/** Upper-case alphanumerics, like Route 53 zone ids (Z...) and change ids (C...). */
export const upperId = (prefix: string, length = 21): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = prefix;
  const bytes = randomBytes(length);
  for (let i = 0; out.length < length; i++) out += alphabet[bytes[i % length]! % alphabet.length];
  return out;
};
