import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createTranslator } from '../i18n/i18n.js';
import { localizerFor } from '../i18n/localizer.js';
import { createLogger, type Logger } from '../logger.js';
import { seedDatabase } from '../seed/seed.js';
import { createApp } from './app.js';
import { searchBulkhead, type SearchBulkhead } from '../search/search.bulkhead.js';
import { closeRedis, connectRedis, redisReady } from '../redis/redis.js';
import { createLiveBus } from '../live/live-bus.js';
import { startDeliveryWorker } from '../webhooks/delivery-worker.js';
import { announceReleases } from '../live/release-announcer.js';

export interface Running {
  url: string;
  port: number;
  db: Database;
  logger: Logger;
  searchBulkhead: SearchBulkhead;
  /** Stops accepting, lets in-flight requests finish, stops the webhook worker, closes the database. */
  close(): Promise<void>;
}

/** Opens (and on the embedded database migrates) the database, seeds if configured, listens. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<Running> {
  const db = await openDatabase(config, logger, { user: 'server' });
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : null;
  const live = createLiveBus(redis, config.redisKeyPrefix, logger);
  try {
    if (config.seed === 'always' || (config.seed === 'auto' && db.kind === 'pglite')) {
      const seeded = await seedDatabase(db.prisma);
      if (seeded.articlesCreated + seeded.entitiesCreated > 0) logger.info(seeded, 'seed data created');
    }
    const translator = createTranslator(config);
    const bulkhead = searchBulkhead(config.dbPoolSize);
    const { server, apollo } = await createApp(
      {
        config,
        prisma: db.prisma,
        translator,
        localizer: localizerFor(translator),
        logger,
        redis,
        reader: db.reader,
        anonymousSearcher: db.anonymousSearcher,
        searchBulkhead: bulkhead,
        live,
      },
      db.ping,
    );
    if (redis && !(await redisReady(redis))) logger.warn('redis not ready at start; counting and caching in this process until it is');
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
    // Every process delivers webhooks: the claim makes each delivery one process's.
    const webhooks = startDeliveryWorker(db.prisma, config.webhooks, logger);
    // Every process tells its own subscribers of embargoes ending (and wakes its worker then).
    const released = announceReleases(db.prisma, live, logger);
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/graphql`;
    logger.info({ url, database: db.kind }, 'Dépêche ready');
    return {
      url,
      port,
      db,
      logger,
      searchBulkhead: bulkhead,
      close: async () => {
        await apollo.stop();
        released.close();
        await live.close();
        // After the requests (their commits may wake it), before the database it writes to.
        await webhooks.stop();
        await closeRedis(redis);
        await db.close();
      },
    };
  } catch (err) {
    await live.close();
    await closeRedis(redis);
    await db.close();
    throw err;
  }
}
