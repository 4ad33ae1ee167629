import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { exitIfLocked } from '../db/data-lock.js';
import { createLogger } from '../logger.js';
import { seedDatabase } from './seed.js';

// `npm run db:seed`: the seed dispatch into DATABASE_URL (or the embedded database).
const config = loadConfig();
const logger = createLogger(config.logLevel === 'silent' ? 'info' : config.logLevel);
const db = await openDatabase(config, logger, { user: 'npm run db:seed' }).catch(exitIfLocked);
try {
  logger.info(await seedDatabase(db.prisma), 'seeded');
} finally {
  await db.close();
}
