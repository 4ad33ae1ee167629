import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { QuoteRow, WholeQuoteRow } from '../db/rows.js';
import { entityJson, fromEntityJson } from '../entities/entity.sql.js';
import { foldTranslations } from '../db/flat-rows.js';
import { visibleArticleSql, type Visibility } from '../articles/visibility.js';

type QuoteText = QuoteRow['translations'][number];

interface FlatQuote {
  id: number;
  articleId: number;
  speakerId: number | null;
  originalLocale: QuoteRow['originalLocale'];
  position: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  tId: number | null;
  tLocale: QuoteText['locale'];
  tText: string;
  tAttribution: string | null;
  tOrigin: QuoteText['origin'];
  tVersion: number;
  tSourceVersion: number;
  tCreatedAt: Date;
  tUpdatedAt: Date;
  speaker?: Parameters<typeof fromEntityJson>[0] | null;
}

const toQuoteRow = (r: FlatQuote): Omit<WholeQuoteRow, 'translations'> => ({
  id: r.id,
  articleId: r.articleId,
  speakerId: r.speakerId,
  originalLocale: r.originalLocale,
  position: r.position,
  version: r.version,
  ...(r.speaker !== undefined && { speaker: r.speaker && fromEntityJson(r.speaker) }),
});

const toQuoteText = (r: FlatQuote): QuoteText | null =>
  r.tId === null
    ? null
    : {
        id: r.tId,
        quoteId: r.id,
        locale: r.tLocale,
        text: r.tText,
        attribution: r.tAttribution,
        origin: r.tOrigin,
        version: r.tVersion,
        sourceVersion: r.tSourceVersion,
        createdAt: r.tCreatedAt,
        updatedAt: r.tUpdatedAt,
      };

/**
 * Quotes of visible articles with every language version, by quote ids or by article ids, in
 * text order. An article's quotes come with their speakers: its page shows who said what.
 */
export async function selectQuotes(prisma: Db, by: 'id' | 'articleId', ids: readonly number[], visibility: Visibility): Promise<WholeQuoteRow[]> {
  const speaker = by === 'articleId' ? P.sql`, ${entityJson(P.sql`q."speakerId"`)} AS speaker` : P.empty;
  const rows = await prisma.$queryRaw<FlatQuote[]>`
    SELECT q.id, q."articleId", q."speakerId", q."originalLocale"::text AS "originalLocale", q.position, q.version, q."createdAt", q."updatedAt",
           t.id AS "tId", t.locale::text AS "tLocale", t.text AS "tText", t.attribution AS "tAttribution", t.origin::text AS "tOrigin",
           t.version AS "tVersion", t."sourceVersion" AS "tSourceVersion", t."createdAt" AS "tCreatedAt", t."updatedAt" AS "tUpdatedAt"${speaker}
    FROM "Quote" q JOIN "Article" a ON a.id = q."articleId" LEFT JOIN "QuoteTranslation" t ON t."quoteId" = q.id
    WHERE ${P.raw(by === 'id' ? 'q.id' : 'q."articleId"')} = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)}
    ORDER BY q."articleId", q.position, q.id, t.id`;
  return foldTranslations(rows, toQuoteRow, toQuoteText);
}
