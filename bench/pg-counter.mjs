// A TCP proxy in front of PostgreSQL that counts the statements clients send: each Query ('Q',
// simple protocol) or Execute ('E', extended protocol) message is one statement run. It sees the
// wire, so it counts Prisma, PostGraphile and node-postgres alike, with no server-side setup
// (pg_stat_statements is not preloaded on these machines). It also counts the bytes PostgreSQL
// sends back: what the server then decodes. While `capturing`, it also keeps each statement's
// text and parameters (from Parse and Bind), for explain.mjs to time in PostgreSQL.
import net from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/** A NUL-terminated string at `at`: [text, offset after it]. */
function cstring(buffer, at) {
  const end = buffer.indexOf(0, at);
  return [buffer.toString('utf8', at, end), end + 1];
}

/** Parse: the statement's name and text. */
function readParse(body) {
  const [name, at] = cstring(body, 0);
  const [text] = cstring(body, at);
  return { name, text };
}

/** Bind: the portal, its statement, and the parameters as text (null when one is binary). */
function readBind(body) {
  const [portal, afterPortal] = cstring(body, 0);
  const [statement, afterStatement] = cstring(body, afterPortal);
  let at = afterStatement;
  const formats = [];
  const nFormats = body.readInt16BE(at);
  at += 2;
  for (let i = 0; i < nFormats; i++, at += 2) formats.push(body.readInt16BE(at));
  const nParams = body.readInt16BE(at);
  at += 2;
  const params = [];
  let binary = false;
  for (let i = 0; i < nParams; i++) {
    const length = body.readInt32BE(at);
    at += 4;
    if ((formats.length === 1 ? formats[0] : (formats[i] ?? 0)) === 1) binary = true;
    params.push(length < 0 ? null : body.toString('utf8', at, at + length));
    if (length > 0) at += length;
  }
  return { portal, statement, params: binary ? null : params };
}

export async function startCountingProxy({ host = '127.0.0.1', port = 5432 } = {}) {
  let statements = 0;
  let received = 0;
  let capturing = false;
  const captured = [];
  const sockets = new Set();
  const server = net.createServer((client) => {
    // Per connection, as PostgreSQL keeps them: prepared statements' texts and bound portals.
    const prepared = new Map();
    const portals = new Map();
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
        // Statements are prepared once and bound many times (PostGraphile names them): Parse always.
        if (type === 0x50) {
          const { name, text } = readParse(pending.subarray(at + 5, at + 1 + length));
          prepared.set(name, text);
        } else if (capturing) {
          const body = pending.subarray(at + 5, at + 1 + length);
          if (type === 0x42) {
            const { portal, statement, params } = readBind(body);
            portals.set(portal, { text: prepared.get(statement), params, named: statement !== '' });
          } else if (type === 0x45) {
            const [portal] = cstring(body, 0);
            const bound = portals.get(portal);
            captured.push(bound?.text ? bound : { text: null, params: null });
          } else if (type === 0x51) {
            captured.push({ text: cstring(body, 0)[0], params: [] });
          }
        }
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
    /** The statements (text, text parameters) sent while `fn` ran. */
    async capture(fn) {
      captured.length = 0;
      capturing = true;
      try {
        await fn();
        return [...captured];
      } finally {
        capturing = false;
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
