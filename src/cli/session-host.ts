// Opens the one session a command works in: shared flags → SessionOptions, Ctrl-C → the signal, every AWS call → a debug message.
import { msg } from '../core/io-host.js';
import type { Session } from '../session/index.js';
import type { ParsedArgs } from './command.js';
import { withSignal } from './command.js';
import type { ConsoleHost } from './console-host.js';
import { sessionOptionsFrom } from './shared-flags.js';

/** The SDK warns on every run under Node 20 (which cortado supports): keep the output ours unless the user asked for it. */
export function quietSdk(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

export async function withSession<T>(args: ParsedArgs, host: ConsoleHost, fn: (session: Session) => Promise<T>): Promise<T> {
  quietSdk();
  const options = sessionOptionsFrom(args, process.env, process.cwd());
  const { openSession } = await import('../session/open-session.js');
  return withSignal(async (signal) => {
    const session = await openSession(options, {
      io: host,
      signal,
      observe: (call) =>
        host.notify(
          msg(
            'debug',
            'AWS_CALL',
            `${call.service}:${call.operation} ${call.httpStatus ?? '-'} ${call.ms}ms${call.retries ? ` retries=${call.retries}` : ''}${call.errorCode ? ` ${call.errorCode}` : ''}`,
            call,
          ),
        ),
    });
    try {
      return await fn(session);
    } finally {
      session.close();
    }
  });
}
