// `cortado local ls` shows each listener's local port, and says clearly when no sandbox answers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { Sandbox } from '../../src/local/index.js';
import { awsCli, withSandbox } from '../helpers/sandbox.js';
import { listenerTable } from '../../src/cli/commands/local-ls.js';

const cli = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['bin/cortado.js', ...args], (e, stdout, stderr) =>
      resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('cortado local ls', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('lists a listener with the local URL that serves it', async () => {
    const lb = await awsCli(sandbox, [
      'elbv2',
      'create-load-balancer',
      '--name',
      'ls-demo',
      '--subnets',
      'subnet-11111111',
      'subnet-22222222',
    ]);
    assert.equal(lb.code, 0, lb.stderr);
    const lbArn = (lb.json as { LoadBalancers: Array<{ LoadBalancerArn: string }> }).LoadBalancers[0]!.LoadBalancerArn;
    const listener = await awsCli(sandbox, [
      'elbv2',
      'create-listener',
      '--load-balancer-arn',
      lbArn,
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--default-actions',
      JSON.stringify([
        { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: 'hello from ls' } },
      ]),
    ]);
    assert.equal(listener.code, 0, listener.stderr);
    const out = await cli(['local', 'ls', '--endpoint', sandbox.endpoint, '--output', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const { listeners } = JSON.parse(out.stdout) as { listeners: Array<{ loadBalancerName: string; port: number; url: string }> };
    assert.equal(listeners.length, 1);
    assert.equal(listeners[0]!.loadBalancerName, 'ls-demo');
    assert.equal(listeners[0]!.port, 80);
    assert.equal(await (await fetch(listeners[0]!.url)).text(), 'hello from ls');
    const text = await cli(['local', 'ls', '--endpoint', sandbox.endpoint]);
    assert.match(text.stdout, /ls-demo\s+HTTP:80\s+http:\/\/127\.0\.0\.1:\d+/);
  });

  it('exits 2 and says so when no sandbox answers', async () => {
    const out = await cli(['local', 'ls', '--endpoint', 'http://127.0.0.1:9']);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /no cortado local sandbox answers at http:\/\/127\.0\.0\.1:9/);
  });

  it('renders an empty sandbox plainly', () => {
    assert.equal(listenerTable([]), 'no load balancer listeners');
  });
});
