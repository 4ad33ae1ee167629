import DataLoader from 'dataloader';
import type { Db } from '../db/database.js';
import type { WholeQuoteRow } from '../db/rows.js';
import { byKey } from '../common/group.js';
import type { Visibility } from '../articles/visibility.js';
import { selectQuotes } from './quote.sql.js';

export function quoteLoaders(prisma: Db, visibility: Visibility) {
  return {
    /** Quotes of visible articles only. */
    quote: new DataLoader<number, WholeQuoteRow | null>(async (ids) => byKey(ids, await selectQuotes(prisma, 'id', ids, visibility), (r) => r.id)),
  };
}
