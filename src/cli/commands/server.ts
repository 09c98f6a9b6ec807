// `cortado server`: the self-service HTTP API, Slack endpoints and dashboard, in the foreground until Ctrl-C / SIGTERM.
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { numberOption, stringOption, withSignal } from '../command.js';
import { quietSdk } from '../session-host.js';
import { sessionOptionsFrom } from '../shared-flags.js';

export const serverCommand: CliCommand = {
  usage: 'cortado server [--server-config cortado-server.yml] [--port 8080] [--host 127.0.0.1] [--trust-proxy]',
  options: {
    'server-config': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'trust-proxy': { type: 'boolean' },
  },
  help: `Serves the JSON API (OpenAPI document at /api/openapi.json), Slack's slash command and buttons, and the
web dashboard, for the applications cortado-server.yml lists. Stateless: every replica reads AWS, so run as
many as you like behind a load balancer; each takes over releases whose controller stopped (docs/server.md).

Options:
  --server-config FILE   the server's config (default cortado-server.yml; CORTADO_SERVER_CONFIG)
  --port N               port to listen on (default 8080; 0 picks a free one)
  --host ADDR            address to bind (default 127.0.0.1; 0.0.0.0 in a container)
  --trust-proxy          take the client address from X-Forwarded-For (behind a load balancer)

Environment: CORTADO_SERVER_SESSION_SECRET signs session cookies (the same on every replica);
SLACK_SIGNING_SECRET verifies Slack requests (names configurable in the server config).

Examples:
  cortado server --port 8080
  cortado server --server-config examples/server/cortado-server.yml --endpoint-url http://127.0.0.1:4566`,
  endsOnSignal: true,
  async run(args, host) {
    quietSdk();
    const port = numberOption(args, 'port', { min: 0, max: 65535, integer: true }) ?? 8080;
    const bind = stringOption(args, 'host') ?? '127.0.0.1';
    if (!/^[\w.:-]+$/.test(bind)) throw new UsageError('BAD_OPTION', `--host expects an address, got ${JSON.stringify(bind)}`);
    const base = sessionOptionsFrom(args, process.env, process.cwd());
    const path = stringOption(args, 'server-config') ?? process.env.CORTADO_SERVER_CONFIG ?? 'cortado-server.yml';
    const { loadServerConfig } = await import('../../server/server-config.js');
    const config = await loadServerConfig(path, process.cwd());
    const { startServer } = await import('../../server/start-server.js');
    return withSignal(async (signal) => {
      const server = await startServer({
        config,
        base,
        port,
        host: bind,
        io: host,
        ...(args.values['trust-proxy'] === true ? { trustProxy: true } : {}),
      });
      host.result(`cortado server listening on ${server.url}`, { url: server.url, port: server.port });
      await new Promise<void>((res) => {
        if (signal.aborted) res();
        signal.addEventListener('abort', () => res(), { once: true });
      });
      await server.stop();
      return 0;
    });
  },
};
