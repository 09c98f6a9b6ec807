// EC2's error codes and messages (Amazon EC2 API Reference, "Error codes for the Amazon EC2 API").
import { AwsError } from '../../aws-error.js';

const quoted = (ids: readonly string[]) => ids.join(', ');
const notFound = (code: string, what: string, ids: readonly string[]) =>
  new AwsError(code, ids.length === 1 ? `The ${what} ID '${ids[0]}' does not exist` : `The ${what} IDs '${quoted(ids)}' do not exist`);

export const vpcNotFound = (ids: readonly string[]) => notFound('InvalidVpcID.NotFound', 'vpc', ids);
export const subnetNotFound = (ids: readonly string[]) => notFound('InvalidSubnetID.NotFound', 'subnet', ids);
export const instanceNotFound = (ids: readonly string[]) => notFound('InvalidInstanceID.NotFound', 'instance', ids);
export const groupNotFound = (ref: string) => new AwsError('InvalidGroup.NotFound', `The security group '${ref}' does not exist`);
export const groupNameNotFound = (name: string, vpcId: string) =>
  new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpcId}'`);
export const ruleNotFound = (id: string) =>
  new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);

export const invalidValue = (message: string) => new AwsError('InvalidParameterValue', message);
export const missingParameter = (name: string) => new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
export const dependencyViolation = (message: string) => new AwsError('DependencyViolation', message);

/** `DryRun=true`: AWS answers with this error when the call would have succeeded. */
export const dryRunOperation = () => new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);

/** An id of the wrong shape (`InvalidVpcID.Malformed`, `InvalidSubnetID.Malformed`, ...). */
export function malformed(code: string, id: string, prefix: string): AwsError {
  return new AwsError(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);
}
