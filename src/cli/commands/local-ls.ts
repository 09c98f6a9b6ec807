// `cortado local ls`: what a running sandbox serves — its load balancer listeners and the local ports they are bound to.
import { UsageError } from '../../core/errors.js';
import type { ListenerMapEntry } from '../../local/services/elbv2/listener-map.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { renderTable } from '../terminal/table.js';
import { terminalOf } from '../terminal/terminal-of.js';

type ListenerEntry = ListenerMapEntry;

export function listenerTable(listeners: readonly ListenerEntry[], width?: number): string {
  if (listeners.length === 0) return 'no load balancer listeners';
  return renderTable(
    ['LOAD BALANCER', 'LISTENER', 'LOCAL URL', 'BINDING'],
    listeners.map((l) => [l.loadBalancerName, `${l.protocol}:${l.port}`, l.url, l.binding]),
    width ? { width } : {},
  );
}

export const localLs: CliCommand = {
  usage: 'cortado local ls [--endpoint URL]',
  options: { endpoint: { type: 'string' } },
  help: `Options:
  --endpoint URL   the sandbox (also --endpoint-url; default: $AWS_ENDPOINT_URL, else http://127.0.0.1:4566)

A listener binds its own port when it is free and allowed (e.g. 8080), otherwise a mapped one
(port 80 usually needs root): send requests to LOCAL URL with the Host header your rules expect.

Examples:
  cortado local ls
  cortado local ls --output json | jq -r '.listeners[0].url'
  curl -H 'Host: pr-42.preview.example.com' "$(cortado local ls --output json | jq -r '.listeners[0].url')"`,
  async run(args, host) {
    const endpoint = (
      stringOption(args, 'endpoint') ??
      stringOption(args, 'endpoint-url') ??
      process.env.AWS_ENDPOINT_URL ??
      'http://127.0.0.1:4566'
    ).replace(/\/+$/, '');
    let res: Response;
    try {
      res = await fetch(`${endpoint}/_cortado/elbv2/listeners`);
    } catch (e) {
      throw new UsageError(
        'SANDBOX_UNREACHABLE',
        `no cortado local sandbox answers at ${endpoint} (${e instanceof Error ? e.message : String(e)})`,
        'start one with `cortado local start`, or pass --endpoint',
      );
    }
    if (!res.ok)
      throw new UsageError(
        'NOT_A_SANDBOX',
        `${endpoint} answered HTTP ${res.status} to /_cortado/elbv2/listeners: is it a cortado local sandbox?`,
      );
    const body = (await res.json()) as { listeners: ListenerEntry[] };
    host.result(listenerTable(body.listeners, terminalOf(host).width), { endpoint, listeners: body.listeners });
    return 0;
  },
};
