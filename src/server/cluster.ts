import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** Cluster supervision timings, with their reason. */
const CLUSTER = {
  /**
   * How much longer than the workers' own shutdown grace (SHUTDOWN_GRACE_MS) the primary waits
   * after forwarding a stop signal before it kills them, so a worker's own timer fires first.
   */
  SHUTDOWN_MARGIN_MS: 5_000,
  /** A worker that dies sooner than this after starting is crash-looping: wait before the next fork. */
  MIN_UPTIME_MS: 5_000,
  /** First and largest wait before re-forking a crash-looping worker (doubles each time). */
  RESTART_DELAY_MS: 500,
  RESTART_DELAY_MAX_MS: 30_000,
} as const;

/**
 * The hook main.ts awaits before it starts the server: returns at once in a single process
 * (WEB_CONCURRENCY unset or 1) and in a worker; never returns in the primary of a cluster, which
 * only supervises workers.
 */
export async function clusterMode(config: Config, logger: Logger): Promise<void> {
  if (config.webConcurrency <= 1) return;
  if (cluster.isPrimary) await superviseWorkers(config, logger);
  ignoreRepeatedStopSignals();
}

/**
 * The primary of WEB_CONCURRENCY workers: forks them (each runs main.ts and serves the same port,
 * node:cluster hands connections round robin), forks a replacement when one dies unexpectedly,
 * forwards SIGTERM/SIGINT to them and exits once they have all finished: 0 when all exited 0.
 * Never returns.
 */
function superviseWorkers(config: Config, logger: Logger): Promise<never> {
  const n = config.webConcurrency;
  let stopping = false;
  let failures = 0;
  let restartDelay: number = CLUSTER.RESTART_DELAY_MS;
  const startedAt = new Map<number, number>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const uptime = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (code !== 0) failures++;
      logger.info({ workerPid: worker.process.pid, code, signal }, 'worker stopped');
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info({ failures }, 'all workers stopped');
        process.exit(failures === 0 ? 0 : 1);
      }
      return;
    }
    // A quick death means it will die again (bad port, unreachable database at start…): back off.
    const delay = uptime < CLUSTER.MIN_UPTIME_MS ? restartDelay : 0;
    restartDelay = uptime < CLUSTER.MIN_UPTIME_MS ? Math.min(restartDelay * 2, CLUSTER.RESTART_DELAY_MAX_MS) : CLUSTER.RESTART_DELAY_MS;
    logger.error({ workerPid: worker.process.pid, code, signal, uptimeMs: uptime, restartInMs: delay }, 'worker died; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping workers');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker.process.kill(signal);
    setTimeout(() => {
      logger.error('workers did not stop in time; killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownGraceMs + CLUSTER.SHUTDOWN_MARGIN_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  logger.info({ workers: n, primaryPid: process.pid }, 'starting workers');
  for (let i = 0; i < n; i++) fork();
  return new Promise<never>(() => {});
}

/**
 * In a worker: a second stop signal (Ctrl-C reaches the whole process group, then the primary
 * forwards it) must not kill the worker mid-drain with the default action. main.ts's own handler
 * runs the shutdown; the primary's timeout is the backstop.
 */
function ignoreRepeatedStopSignals(): void {
  process.on('SIGTERM', () => {});
  process.on('SIGINT', () => {});
}
