// CloudWatch's error codes (awsQuery names, as the query-compatible JSON protocol also reports them).
import { AwsError } from '../../aws-error.js';

export const invalidParameterValue = (message: string): AwsError => new AwsError('InvalidParameterValue', message);
export const missingParameter = (message: string): AwsError => new AwsError('MissingParameter', message);
export const invalidParameterCombination = (message: string): AwsError => new AwsError('InvalidParameterCombination', message);
export const validationError = (message: string): AwsError => new AwsError('ValidationError', message);
export const invalidNextToken = (): AwsError => new AwsError('InvalidNextToken', 'The NextToken is invalid or has expired.');
export const resourceNotFound = (message: string): AwsError => new AwsError('ResourceNotFound', message, 404);
