// `cortado local start`: runs the sandbox in the foreground until SIGINT/SIGTERM, then stops every task it started.
import { UsageError } from '../../core/errors.js';
import { msg } from '../../core/io-host.js';
import type { CliCommand } from '../command.js';
import { numberOption, stringOption } from '../command.js';

function signatureKeys(raw: string[] | undefined): Record<string, string> | undefined {
  if (!raw || raw.length === 0) return undefined;
  const keys: Record<string, string> = {};
  for (const pair of raw) {
    const i = pair.indexOf(':');
    if (i <= 0 || i === pair.length - 1)
      throw new UsageError('BAD_OPTION', `--access-key expects ACCESS_KEY_ID:SECRET_ACCESS_KEY, got ${JSON.stringify(pair)}`);
    keys[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return keys;
}

export const localStart: CliCommand = {
  usage: 'cortado local start [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--speed N] [--latency MS] [--state-dir DIR]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'account-id': { type: 'string' },
    speed: { type: 'string' },
    latency: { type: 'string' },
    'error-rate': { type: 'string' },
    'consistency-delay': { type: 'string' },
    'state-dir': { type: 'string' },
    images: { type: 'string' },
    'verify-signatures': { type: 'boolean' },
    'access-key': { type: 'string', multiple: true },
  },
  help: `Options:
  --port N               port for every AWS service (default 4566; 0 picks a free one)
  --host ADDR            address to bind (default 127.0.0.1)
  --region R             (shared) region in ARNs and the default for unsigned requests (default us-east-1)
  --account-id ID        12-digit account id (default 000000000000)
  --speed N              simulated time runs N times faster: ECS waits, health checks, alarm periods (default 1)
  --latency MS           latency added to every API call (change at run time: POST /_cortado/faults)
  --error-rate F         fraction 0..1 of API calls answered with a 500 (fault injection)
  --consistency-delay MS new or changed resources stay invisible to reads for MS (eventual consistency)
  --state-dir DIR        keep state in DIR so it survives a restart (running tasks are restarted)
  --images FILE          JSON image map: image -> local command (see src/local/runtime/spec.md)
  --verify-signatures    check SigV4 signatures against --access-key pairs (AWS's errors when they fail)
  --access-key ID:SECRET a key pair accepted with --verify-signatures (repeatable)

Point any AWS client at it:
  export AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
  aws ecs list-clusters

Sandbox routes: GET /_cortado/health, GET /_cortado/calls, GET|POST /_cortado/faults, POST /_cortado/reset

Examples:
  cortado local start
  cortado local start --port 0 --speed 20 --state-dir .cortado/local
  cortado local start --verify-signatures --access-key AKIAEXAMPLE:secret`,
  endsOnSignal: true,
  async run(args, host) {
    const keys = signatureKeys(args.values['access-key'] as string[] | undefined);
    if (args.values['verify-signatures'] && !keys)
      throw new UsageError('BAD_OPTION', '--verify-signatures needs at least one --access-key ID:SECRET');
    const accountId = stringOption(args, 'account-id');
    if (accountId !== undefined && !/^\d{12}$/.test(accountId))
      throw new UsageError('BAD_OPTION', `--account-id expects 12 digits, got ${JSON.stringify(accountId)}`);
    const port = numberOption(args, 'port', { min: 0, max: 65535, integer: true });
    const speed = numberOption(args, 'speed', { min: 0.001, max: 10_000 });
    const latencyMs = numberOption(args, 'latency', { min: 0, max: 600_000 });
    const errorRate = numberOption(args, 'error-rate', { min: 0, max: 1 });
    const consistencyDelayMs = numberOption(args, 'consistency-delay', { min: 0, max: 600_000 });
    const host_ = stringOption(args, 'host');
    const region = stringOption(args, 'region');
    const stateDir = stringOption(args, 'state-dir');
    const images = stringOption(args, 'images');
    // The sandbox is loaded only by the commands that run it: other commands start faster.
    const { startSandbox } = await import('../../local/index.js');
    const sandbox = await startSandbox({
      ...(port !== undefined ? { port } : {}),
      ...(host_ !== undefined ? { host: host_ } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(accountId !== undefined ? { accountId } : {}),
      ...(speed !== undefined ? { speed } : {}),
      ...(latencyMs !== undefined ? { latencyMs } : {}),
      ...(errorRate !== undefined ? { errorRate } : {}),
      ...(consistencyDelayMs !== undefined ? { consistencyDelayMs } : {}),
      ...(stateDir !== undefined ? { stateDir } : {}),
      ...(images !== undefined ? { imageMapPath: images } : {}),
      ...(keys ? { signatureKeys: keys } : {}),
    });
    host.notify(
      msg(
        'info',
        'LOCAL_READY',
        `cortado local listening on ${sandbox.endpoint} (region ${sandbox.region}, account ${sandbox.accountId}); Ctrl-C stops it`,
        { endpoint: sandbox.endpoint },
      ),
    );
    host.result(`export AWS_ENDPOINT_URL=${sandbox.endpoint}`, {
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      accountId: sandbox.accountId,
    });
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        host.notify(msg('info', 'LOCAL_STOPPING', `${signal}: stopping every task and closing the sandbox`));
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    await sandbox.close();
    host.notify(msg('info', 'LOCAL_STOPPED', 'cortado local stopped'));
    return 0;
  },
};
