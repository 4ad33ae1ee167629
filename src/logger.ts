import { pino, type Logger } from 'pino';

export type { Logger };

// JSON lines on stdout: what log shippers expect; pipe through pino-pretty when reading by hand.
// `pid` tells cluster workers (WEB_CONCURRENCY) apart.
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'depeche', pid: process.pid }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}
