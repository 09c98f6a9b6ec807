// A real `cortado server` for the browser tests and the bench: the built CLI in its own process, on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const bin = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'bin', 'cortado.js');

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  close(): Promise<void>;
}

export interface Principal {
  readonly principal: string;
  readonly token: string;
  readonly role: 'viewer' | 'operator' | 'admin';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const principal = (name: string, role: Principal['role']): Principal => ({
  principal: name,
  role,
  token: `${name}-${randomBytes(12).toString('hex')}`,
});

/** cortado-server.yml in `dir`: one application `app` (its cortado.yml beside it), the principals with their roles. */
export async function writeServerConfig(
  dir: string,
  app: string,
  people: readonly Principal[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const path = join(dir, 'cortado-server.yml');
  await writeFile(
    path,
    stringify({
      applications: { [app]: { config: 'cortado.yml' } },
      tokens: people.map((p) => ({ principal: p.principal, sha256: sha256(p.token) })),
      roles: Object.fromEntries(people.map((p) => [p.principal, { [app]: p.role }])),
      ...extra,
    }),
  );
  return path;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts `cortado server` and waits until it answers; `env` carries the AWS endpoint and credentials. */
export async function startServerProcess(
  dir: string,
  configPath: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'server', '--server-config', configPath, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    env: { ...env, CORTADO_SERVER_SESSION_SECRET: randomBytes(24).toString('hex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  child.stderr!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cortado server exited ${child.exitCode}: ${out}`);
    const up = await fetch(`${url}/api/me`).then(
      (r) => r.status === 401,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`cortado server did not answer within ${timeoutMs} ms: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => out,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}
