import type { Prisma as P } from '@prisma/client';

// Row shapes as the loaders fetch them: each entity with all its language versions in one query.
export const withTranslations = { translations: true } as const;

export type ArticleRow = P.ArticleGetPayload<{ include: typeof withTranslations }>;
export type ArticleTextRow = ArticleRow['translations'][number];
export type QuoteRow = P.QuoteGetPayload<{ include: typeof withTranslations }>;
export type EntityRow = P.EntityGetPayload<{ include: typeof withTranslations }>;
export type MentionRow = P.MentionGetPayload<{ include: { entity: { include: typeof withTranslations } } }>;
