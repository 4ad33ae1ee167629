import net from 'node:net';

/**
 * A TCP proxy the test controls, to put between the API and PostgreSQL:
 * - `cut()`: a database outage. Open connections are destroyed and the port stops listening, so
 *   new connections are refused (ECONNREFUSED).
 * - `blackhole()`: a network that stopped answering. Connections are accepted and never answered.
 * - `restore()`: back to forwarding, on the same port.
 */
export interface TcpProxy {
  port: number;
  /** Connections accepted so far (both modes). */
  accepted: number;
  cut(): Promise<void>;
  blackhole(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'forward' | 'blackhole' = 'forward';
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A peer reset is what a cut looks like; it must not be an unhandled 'error' here either.
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    proxy.accepted++;
    track(client);
    if (mode === 'blackhole') return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const stop = async () => {
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const destroyAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  const port = await listen(0);
  const proxy: TcpProxy = {
    port,
    accepted: 0,
    async cut() {
      // Stop listening first: destroyed connections must not be replaced by new good ones.
      const closed = stop();
      destroyAll();
      await closed;
    },
    async blackhole() {
      mode = 'blackhole';
      destroyAll();
      if (!server.listening) await listen(port);
    },
    async restore() {
      // Blackholed connections were never forwarded: drop them; forwarding ones stay.
      if (mode === 'blackhole') destroyAll();
      mode = 'forward';
      if (!server.listening) await listen(port);
    },
    async close() {
      const closed = stop();
      destroyAll();
      await closed;
    },
  };
  return proxy;
}
