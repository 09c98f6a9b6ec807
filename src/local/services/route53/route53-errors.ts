// Route 53's error answers (restXml <ErrorResponse>), with the statuses its model gives them.
import { AwsError } from '../../aws-error.js';

export const noSuchHostedZone = (id: string): AwsError => new AwsError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);
export const noSuchChange = (id: string): AwsError =>
  new AwsError('NoSuchChange', `A change with the specified change ID does not exist. (${id})`, 404);
export const invalidInput = (message: string): AwsError => new AwsError('InvalidInput', message);
export const noSuchHealthCheck = (id: string): AwsError =>
  new AwsError('NoSuchHealthCheck', `A health check with id ${id} does not exist.`, 404);
export const noSuchDelegationSet = (id: string): AwsError =>
  new AwsError('NoSuchDelegationSet', `A reusable delegation set with the ID ${id} does not exist.`);
export const invalidDomainName = (message: string): AwsError => new AwsError('InvalidDomainName', message);
/** Route 53 lists every problem of the batch in one message: [first, second]. */
export const invalidChangeBatch = (messages: readonly string[]): AwsError => new AwsError('InvalidChangeBatch', `[${messages.join(', ')}]`);

/** MaxItems is a string on the wire; larger values are capped at the page limit. */
export function pageSize(raw: unknown, limit: number, byDefault = limit): number {
  if (raw === undefined) return byDefault;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw invalidInput(`Invalid value for parameter maxitems: ${String(raw)}; it must be a positive integer`);
  return Math.min(n, limit);
}
