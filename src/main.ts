import 'reflect-metadata';
import cluster from 'node:cluster';
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
// A worker ignores stop signals until it serves (cluster.ts): one that arrives while it starts
// (the primary stopping early) is kept and honoured once started, instead of being lost.
let stopDuringStart: NodeJS.Signals | null = null;
const keepStop = (signal: NodeJS.Signals) => {
  stopDuringStart ??= signal;
};
if (cluster.isWorker) {
  process.on('SIGTERM', keepStop);
  process.on('SIGINT', keepStop);
}
const running = await startServer(config, logger).catch(exitIfLocked);
process.off('SIGTERM', keepStop);
process.off('SIGINT', keepStop);

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
if (stopDuringStart) void shutdown(stopDuringStart);
