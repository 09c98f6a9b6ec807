// The URL people open for a preview: the listener's scheme, the host, and the port only when it is not the scheme's own.
import type { ListenerInfo } from './shared-reads.js';

export const envUrl = (listener: Pick<ListenerInfo, 'protocol' | 'port'>, host: string): string => {
  const scheme = listener.protocol === 'HTTPS' ? 'https' : 'http';
  const standard = (scheme === 'https' && listener.port === 443) || (scheme === 'http' && listener.port === 80);
  return `${scheme}://${host}${standard ? '' : `:${listener.port}`}`;
};
