// The AWS reads template plugins need (ssm, secretsmanager_arn, tfstate on S3), implemented on the SDK seams.
import type { AwsClients } from '../aws/aws-clients.js';
import type { PluginServices } from '../config/plugins/template-plugin.js';

export function pluginServices(aws: AwsClients, signal?: AbortSignal): PluginServices {
  return {
    async getParameter(name) {
      const out = await (await aws.ssm()).getParameter({ Name: name, WithDecryption: true }, signal);
      const p = out.Parameter;
      return { name: p?.Name ?? name, type: p?.Type ?? 'String', value: p?.Value ?? '' };
    },
    async describeSecretArn(id) {
      const out = await (await aws.secrets()).describeSecret({ SecretId: id }, signal);
      if (!out.ARN) throw new Error(`secret ${id} has no ARN in DescribeSecret's answer`);
      return out.ARN;
    },
    async getObjectText(bucket, key) {
      return (await aws.s3()).getObjectText({ Bucket: bucket, Key: key }, signal);
    },
  };
}
