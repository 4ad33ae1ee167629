import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { ArticleReadRow, ArticleTextMeta, MentionRow, QuoteReadRow } from '../db/rows.js';
import { entityJson, fromEntityJson } from '../entities/entity.sql.js';
import { dated, jsonTimestamps, type Timestamped } from '../db/json-rows.js';
import { visibleArticleSql, type Visibility } from './visibility.js';

/** Which relations of the page's articles the request selects (see page-lookahead.ts). */
export interface PageWants {
  quotes: boolean;
  mentions: boolean;
  /** Body paragraphs of every language version (an article shown whole). */
  bodies?: boolean;
}

/** A page of articles and, when selected, their quotes and mentions. */
export interface ArticlePage {
  rows: ArticleReadRow[];
  quotes: Map<number, QuoteReadRow[]> | null;
  mentions: Map<number, MentionRow[]> | null;
}

// Nested JSON per article instead of one flat row per language: one row per article carries its
// texts and, when asked, its quotes (with speakers) and mentions (with entities), so a whole feed
// page is one round trip. Timestamps: see json-rows.ts.
const texts = (bodies: boolean) => P.sql`(SELECT json_agg(json_build_object('id', t.id, 'articleId', t."articleId", 'locale', t.locale, 'title', t.title,
    'lede', t.lede, 'origin', t.origin, 'version', t.version, 'sourceVersion', t."sourceVersion",
    ${jsonTimestamps('t')}${bodies ? P.sql`, 'body', t.body` : P.empty}) ORDER BY t.id)
  FROM "ArticleTranslation" t WHERE t."articleId" = a.id) AS texts`;

const QUOTES = P.sql`(SELECT json_agg(json_build_object('id', q.id, 'articleId', q."articleId", 'speakerId', q."speakerId",
    'originalLocale', q."originalLocale", 'position', q.position, 'version', q.version, ${jsonTimestamps('q')},
    'translations', (SELECT json_agg(json_build_object('id', qt.id, 'quoteId', qt."quoteId", 'locale', qt.locale, 'text', qt.text,
        'attribution', qt.attribution, 'origin', qt.origin, 'version', qt.version, 'sourceVersion', qt."sourceVersion",
        ${jsonTimestamps('qt')}) ORDER BY qt.id)
      FROM "QuoteTranslation" qt WHERE qt."quoteId" = q.id),
    'speaker', ${entityJson(P.sql`q."speakerId"`)}) ORDER BY q.position, q.id)
  FROM "Quote" q WHERE q."articleId" = a.id) AS quotes`;

const MENTIONS = P.sql`(SELECT json_agg(json_build_object('articleId', m."articleId", 'entityId', m."entityId", 'count', m.count,
    'entity', ${entityJson(P.sql`m."entityId"`)}) ORDER BY m.count DESC, m."entityId")
  FROM "Mention" m WHERE m."articleId" = a.id) AS mentions`;

interface PageRow extends Omit<ArticleReadRow, 'translations'> {
  texts: Timestamped<ArticleTextMeta>[] | null;
  quotes?:
    | (Timestamped<Omit<QuoteReadRow, 'translations' | 'speaker'>> & {
        translations: Timestamped<QuoteReadRow['translations'][number]>[] | null;
        speaker: Parameters<typeof fromEntityJson>[0] | null;
      })[]
    | null;
  mentions?: (Omit<MentionRow, 'entity'> & { entity: Parameters<typeof fromEntityJson>[0] })[] | null;
}

/**
 * The articles whose ids `pageIds` selects (with its own order and limit), sorted by `order`,
 * with what `wants` asks for, in one statement.
 */
export async function selectArticlePage(prisma: Db, pageIds: P.Sql, order: P.Sql, visibility: Visibility, wants: PageWants): Promise<ArticlePage> {
  const rows = await prisma.$queryRaw<PageRow[]>`
    SELECT a.id, a.slug, a."sourceLocale"::text AS "sourceLocale", a.status::text AS status, a."publishedAt",
           a."datePrecision"::text AS "datePrecision", a."datelineId", a.agency, a."sourceHash", a.version, a."createdAt", a."updatedAt",
           ${texts(wants.bodies ?? false)}${wants.quotes ? P.sql`, ${QUOTES}` : P.empty}${wants.mentions ? P.sql`, ${MENTIONS}` : P.empty}
    FROM "Article" a
    WHERE a.id IN (${pageIds}) AND ${visibleArticleSql(visibility)}
    ORDER BY ${order}`;
  const page: ArticlePage = { rows: [], quotes: wants.quotes ? new Map() : null, mentions: wants.mentions ? new Map() : null };
  for (const { texts, quotes, mentions, ...article } of rows) {
    page.rows.push({ ...article, translations: (texts ?? []).map(dated<ArticleTextMeta>) });
    page.quotes?.set(
      article.id,
      (quotes ?? []).map(({ translations, speaker, ...quote }) => ({
        ...dated<Omit<QuoteReadRow, 'translations' | 'speaker'>>(quote),
        translations: (translations ?? []).map(dated<QuoteReadRow['translations'][number]>),
        speaker: speaker && fromEntityJson(speaker),
      })),
    );
    page.mentions?.set(
      article.id,
      (mentions ?? []).map(({ entity, ...mention }) => ({ ...mention, entity: fromEntityJson(entity) })),
    );
  }
  return page;
}
