import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import { createApplicationAutoScalingService } from '../../../src/local/services/application-autoscaling/application-autoscaling-service.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { createS3Service } from '../../../src/local/services/s3/s3-service.js';
import { createSecretsManagerService } from '../../../src/local/services/secretsmanager/secretsmanager-service.js';
import { createSsmService } from '../../../src/local/services/ssm/ssm-service.js';
import { boto3 } from '../../helpers/sandbox.js';

const factories = [createLogsService, createSsmService, createSecretsManagerService, createApplicationAutoScalingService, createS3Service];

describe('--state-dir keeps Logs, SSM, Secrets Manager, Application Auto Scaling and S3 state across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-state-'));
  let sandbox: Sandbox | undefined;
  after(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back after a restart what was written before it (boto3)', async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', stateDir: dir, factories });
    const write = await boto3(
      sandbox,
      `
import time
kw=dict(endpoint_url=endpoint,region_name=region)
logs=boto3.client('logs',**kw); ssm=boto3.client('ssm',**kw); sm=boto3.client('secretsmanager',**kw)
aas=boto3.client('application-autoscaling',**kw); s3=boto3.client('s3',**kw)
logs.create_log_group(logGroupName='/kept'); logs.create_log_stream(logGroupName='/kept',logStreamName='s')
logs.put_log_events(logGroupName='/kept',logStreamName='s',logEvents=[{'timestamp':int(time.time()*1000),'message':'persisted line'}])
ssm.put_parameter(Name='/kept/p',Value='v1',Type='SecureString'); ssm.put_parameter(Name='/kept/p',Value='v2',Overwrite=True)
arn=sm.create_secret(Name='kept',SecretString='s1')['ARN']
aas.register_scalable_target(ServiceNamespace='ecs',ScalableDimension='ecs:service:DesiredCount',ResourceId='service/c/kept',MinCapacity=1,MaxCapacity=3)
s3.create_bucket(Bucket='kept-bucket'); s3.put_object(Bucket='kept-bucket',Key='k',Body=b'bytes')
print(json.dumps(arn))
`,
    );
    assert.equal(write.code, 0, write.stderr);
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', stateDir: dir, factories });
    const read = await boto3(
      sandbox,
      `
kw=dict(endpoint_url=endpoint,region_name=region)
logs=boto3.client('logs',**kw); ssm=boto3.client('ssm',**kw); sm=boto3.client('secretsmanager',**kw)
aas=boto3.client('application-autoscaling',**kw); s3=boto3.client('s3',**kw)
p=ssm.get_parameter(Name='/kept/p',WithDecryption=True)['Parameter']
print(json.dumps({
  'log':[e['message'] for e in logs.get_log_events(logGroupName='/kept',logStreamName='s')['events']],
  'param':[p['Value'],p['Version']],
  'secret':[sm.get_secret_value(SecretId='kept')['SecretString'],sm.describe_secret(SecretId='kept')['ARN']],
  'target':[t['MaxCapacity'] for t in aas.describe_scalable_targets(ServiceNamespace='ecs')['ScalableTargets']],
  'object':s3.get_object(Bucket='kept-bucket',Key='k')['Body'].read().decode()}))
`,
    );
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual(read.json, { log: ['persisted line'], param: ['v2', 2], secret: ['s1', write.json], target: [3], object: 'bytes' });
  });
});
