import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server/start.js';
import { clusterMode } from './server/cluster.js';
import { exitIfLocked } from './db/data-lock.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Configuration error: ${err.message}`);
  process.exit(2);
}
const logger = createLogger(config.logLevel);
// WEB_CONCURRENCY > 1: this process forks and supervises the workers, and never gets past this line.
await clusterMode(config, logger);
const running = await startServer(config, logger).catch(exitIfLocked);

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error('shutdown grace period exceeded, exiting');
    process.exit(1);
  }, config.shutdownGraceMs);
  timer.unref();
  await running.close();
  logger.info('shut down');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
