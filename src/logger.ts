import { pino, type Logger } from 'pino';

export type { Logger };

// JSON lines on stdout: what log shippers expect; pipe through pino-pretty when reading by hand.
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'depeche' }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}
