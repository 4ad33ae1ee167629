import DataLoader from 'dataloader';
import type { Prisma } from '../db/database.js';
import { withTranslations, type QuoteRow } from '../db/rows.js';
import { byKey } from '../common/group.js';
import { visibleArticle, type Visibility } from '../articles/visibility.js';

export function quoteLoaders(prisma: Prisma, visibility: Visibility) {
  return {
    /** Quotes of visible articles only. */
    quote: new DataLoader<number, QuoteRow | null>(async (ids) =>
      byKey(
        ids,
        await prisma.quote.findMany({ where: { id: { in: [...ids] }, article: visibleArticle(visibility) }, include: withTranslations }),
        (r) => r.id,
      ),
    ),
  };
}
