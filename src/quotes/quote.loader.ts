import DataLoader from 'dataloader';
import type { Db } from '../db/database.js';
import type { QuoteReadRow, WholeQuoteRow } from '../db/rows.js';
import type { Translator } from '../i18n/i18n.js';
import { byKey } from '../common/group.js';
import type { Visibility } from '../articles/visibility.js';
import { byIds, servedBatch, servedKey, type ServedKey } from '../articles/article.loader.js';
import { selectQuotes, selectServedQuotes, type QuoteWants } from './quote.sql.js';

export function quoteLoaders(db: Db, visibility: Visibility, translator: Translator) {
  return {
    /** Quotes of visible articles only, with every language version. */
    quote: new DataLoader<number, WholeQuoteRow | null>(async (ids) => byKey(ids, await selectQuotes(db, 'id', ids, visibility), (r) => r.id)),
    /** Quotes of visible articles by id, localized (quote(id:), node, an entity's quotes, search hits), one statement per batch. */
    servedQuote: new DataLoader<ServedKey<QuoteWants> & { id: number }, QuoteReadRow | null, string>(
      (keys) =>
        servedBatch(
          keys,
          async (group, locale, wants) => {
            const lists = await selectServedQuotes(db, byIds(group.map((k) => k.id)), visibility, wants, translator.chain(locale));
            return new Map([...lists].map(([ord, [row]]) => [ord, row ?? null]));
          },
          null,
        ),
      { cacheKeyFn: servedKey },
    ),
  };
}
