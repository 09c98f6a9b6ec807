// One cancellation signal shared by many concurrent AWS calls: each SDK call adds a listener, more than Node's default warning limit of 10.
import { setMaxListeners } from 'node:events';

/** A signal that aborts with `parent` and accepts any number of listeners. */
export function fanOutSignal(parent: AbortSignal): AbortSignal {
  const signal = AbortSignal.any([parent]);
  setMaxListeners(0, signal);
  return signal;
}
