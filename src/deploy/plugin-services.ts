// The AWS reads template plugins need (ssm, secretsmanager_arn, tfstate on S3), implemented on the SDK seams.
import { awsErrorCode } from '../aws/aws-call.js';
import type { AwsClients } from '../aws/aws-clients.js';
import { UsageError } from '../core/errors.js';
import type { PluginServices } from '../config/plugins/template-plugin.js';

/** A reference to something that does not exist is the definition's mistake (exit 2), not an AWS failure. */
async function notFoundIsUsage<T>(run: () => Promise<T>, codes: readonly string[], message: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (codes.includes(awsErrorCode(e) ?? '')) throw new UsageError('REFERENCE_NOT_FOUND', message);
    throw e;
  }
}

export function pluginServices(aws: AwsClients, signal?: AbortSignal): PluginServices {
  return {
    getParameter: (name) =>
      notFoundIsUsage(
        async () => {
          const out = await (await aws.ssm()).getParameter({ Name: name, WithDecryption: true }, signal);
          const p = out.Parameter;
          return { name: p?.Name ?? name, type: p?.Type ?? 'String', value: p?.Value ?? '' };
        },
        ['ParameterNotFound', 'ParameterVersionNotFound'],
        `SSM parameter ${name} not found`,
      ),
    describeSecretArn: (id) =>
      notFoundIsUsage(
        async () => {
          const out = await (await aws.secrets()).describeSecret({ SecretId: id }, signal);
          if (!out.ARN) throw new Error(`secret ${id} has no ARN in DescribeSecret's answer`);
          return out.ARN;
        },
        ['ResourceNotFoundException'],
        `secret ${id} not found in Secrets Manager`,
      ),
    getObjectText: (bucket, key) =>
      notFoundIsUsage(
        async () => (await aws.s3()).getObjectText({ Bucket: bucket, Key: key }, signal),
        ['NoSuchKey', 'NoSuchBucket', 'NotFound'],
        `tfstate s3://${bucket}/${key} not found`,
      ),
  };
}
