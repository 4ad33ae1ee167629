import DataLoader from 'dataloader';
import type { Prisma } from '../db/database.js';
import { withTranslations, type QuoteRow } from '../db/rows.js';
import { byKey } from '../common/group.js';
import { PUBLISHED } from '../articles/article.loader.js';

export function quoteLoaders(prisma: Prisma) {
  return {
    /** Quotes of published articles only. */
    quote: new DataLoader<number, QuoteRow | null>(async (ids) =>
      byKey(
        ids,
        await prisma.quote.findMany({ where: { id: { in: [...ids] }, article: PUBLISHED }, include: withTranslations }),
        (r) => r.id,
      ),
    ),
  };
}
