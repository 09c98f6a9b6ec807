// The ECS errors handlers raise, with the messages AWS answers (see spec.md for which are observed).
import { AwsError } from '../../aws-error.js';

export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);

export const clientError = (message: string): AwsError => new AwsError('ClientException', message);

export const clusterNotFound = (): AwsError => new AwsError('ClusterNotFoundException', 'Cluster not found.');

export const serviceNotFound = (): AwsError => new AwsError('ServiceNotFoundException', 'Service not found.');

export const serviceNotActive = (): AwsError => new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');

export const resourceNotFound = (message = 'The specified resource was not found.'): AwsError =>
  new AwsError('ResourceNotFoundException', message);

export const serviceDeploymentNotFound = (): AwsError =>
  new AwsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');

export const conflict = (message: string): AwsError => new AwsError('ConflictException', message);

export const badNextToken = (): AwsError => invalidParameter('Invalid nextToken.');

export const badMaxResults =
  (max: number) =>
  (size: number): AwsError =>
    invalidParameter(`maxResults must be between 1 and ${max}, got ${String(size)}.`);
