// STS: who the caller is, and assumed-role credentials for cross-account deploys (any role is assumable).
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { credentialScope } from '../../dispatch.js';

const keyChars = (prefix: string, n: number) =>
  prefix +
  randomBytes(n)
    .toString('hex')
    .toUpperCase()
    .slice(0, n - prefix.length);

export function createStsService(env: SandboxEnv): SandboxService {
  return {
    name: 'sts',
    model: loadModel('sts'),
    validation: { code: 'ValidationError' },
    handlers: {
      GetCallerIdentity: (_input, ctx) => {
        const key = credentialScope(ctx.http).accessKeyId ?? '';
        const assumed = /^ASIA/.test(key);
        return {
          UserId: assumed ? `AROA${key.slice(4, 21)}:cortado` : 'AIDACORTADOLOCALUSER',
          Account: env.accountId,
          Arn: assumed ? `arn:aws:sts::${env.accountId}:assumed-role/cortado-local/cortado` : `arn:aws:iam::${env.accountId}:root`,
        };
      },
      AssumeRole: (input, ctx) => {
        const roleArn = String(input.RoleArn);
        const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]+\/)?([\w+=,.@-]+)$/.exec(roleArn);
        if (!m) throw new AwsError('ValidationError', `${roleArn} is invalid`);
        const duration = Number(input.DurationSeconds ?? 3600);
        if (duration < 900 || duration > 43200) {
          throw new AwsError(
            'ValidationError',
            `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
          );
        }
        const accessKeyId = keyChars('ASIA', 20);
        const roleId = keyChars('AROA', 21);
        return {
          Credentials: {
            AccessKeyId: accessKeyId,
            SecretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
            SessionToken: randomBytes(96).toString('base64'),
            Expiration: new Date(ctx.now().getTime() + duration * 1000),
          },
          AssumedRoleUser: {
            AssumedRoleId: `${roleId}:${String(input.RoleSessionName)}`,
            Arn: `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${String(input.RoleSessionName)}`,
          },
          PackedPolicySize: 0,
        };
      },
    },
  };
}
