import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import { readRows } from '../db/direct-reads.js';

/** Bodies of article texts by text id (the feed never needs them). */
export async function selectBodies(prisma: Db, textIds: readonly number[]): Promise<{ id: number; body: unknown }[]> {
  return readRows<{ id: number; body: unknown }>(prisma, P.sql`SELECT id, body FROM "ArticleTranslation" WHERE id = ANY(${[...textIds]}::int[])`);
}
