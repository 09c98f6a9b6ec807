// Binds a listener's own port when the host allows it, otherwise a free port chosen by the system (the "mapped" port).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Binding = { readonly kind: 'own'; readonly port: number } | { readonly kind: 'mapped'; readonly port: number };

const listen = (server: Server, host: string, port: number) =>
  new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });

/** Ports in use or not permitted (below 1024 without privileges) fall back to a mapped port; other errors are thrown. */
export async function bindPort(server: Server, host: string, wanted: number): Promise<Binding> {
  try {
    await listen(server, host, wanted);
    return { kind: 'own', port: wanted };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EPERM') throw e;
  }
  await listen(server, host, 0);
  return { kind: 'mapped', port: (server.address() as AddressInfo).port };
}
