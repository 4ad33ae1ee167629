// A TCP proxy in front of PostgreSQL that counts the statements clients send: each Query ('Q',
// simple protocol) or Execute ('E', extended protocol) message is one statement run. It sees the
// wire, so it counts Prisma, PostGraphile and node-postgres alike, with no server-side setup
// (pg_stat_statements is not preloaded on these machines). It also counts the bytes PostgreSQL
// sends back: what the server then decodes.
import net from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

export async function startCountingProxy({ host = '127.0.0.1', port = 5432 } = {}) {
  let statements = 0;
  let received = 0;
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.pipe(client);
    upstream.on('data', (chunk) => {
      received += chunk.length;
    });
    let pending = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk) => {
      upstream.write(chunk);
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      for (;;) {
        if (!started) {
          // Startup, SSL or GSS request: a length and a code, no type byte.
          if (pending.length - at < 8) break;
          const length = pending.readInt32BE(at);
          if (pending.length - at < length) break;
          const code = pending.readInt32BE(at + 4);
          started = code !== SSL_REQUEST && code !== GSS_REQUEST;
          at += length;
          continue;
        }
        if (pending.length - at < 5) break;
        const length = pending.readInt32BE(at + 1);
        if (pending.length - at < length + 1) break;
        const type = pending[at];
        if (type === 0x51 || type === 0x45) statements++;
        at += length + 1;
      }
      pending = pending.subarray(at);
    });
    client.on('close', () => upstream.end());
    upstream.on('close', () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    get statements() {
      return statements;
    },
    /** Bytes PostgreSQL sent to the clients (result rows, mostly). */
    get received() {
      return received;
    },
    reset() {
      statements = 0;
      received = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
