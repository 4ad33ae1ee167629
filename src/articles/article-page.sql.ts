import { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import type { ArticleReadRow, ArticleTextMeta, MentionRow } from '../db/rows.js';
import { dated, jsonTimestamps, type Timestamped } from '../db/json-rows.js';
import { ARTICLE_ORDER } from './article.order.js';
import { along, chainSql, type ChainSql, fromServedEntity, servedEntity, type ServedEntityJson } from '../i18n/served.sql.js';
import { fromServedQuote, servedQuoteJson, servedQuoteTextJoin, type QuoteWants, type ServedQuoteJson } from '../quotes/quote.sql.js';
import { visibleArticleSql, visibleLocalesSql, visibleTextSql, type Visibility } from './visibility.js';
import { readRows } from '../db/direct-reads.js';
import { PLANNED_PER_RUN } from '../db/statement-names.js';

/** What the request selects on the articles it lists (see page-lookahead.ts). */
export interface PageWants {
  /** What the request selects on the articles' quotes; null: no quotes. */
  quotes: QuoteWants | null;
  mentions: boolean;
  /** The body of the text served (or of every version, with `allTexts`). */
  bodies: boolean;
  /** Every language version (`translations`, `translationState`): the row is then read whole. */
  allTexts: boolean;
  /** The dateline place, in the version served. */
  dateline: boolean;
  /** Mentioned entities and the dateline brief (servedEntity): none of their details is selected. */
  entitiesBrief: boolean;
}

export const WANTS_NOTHING: PageWants = {
  quotes: null,
  mentions: false,
  bodies: false,
  allTexts: false,
  dateline: false,
  entitiesBrief: false,
};

/**
 * The language to serve and the order to try languages in (the configured fallback chain): the
 * statement picks, per article, quote and entity, the first version along it, then the original
 * one, then any (as pickTranslation does).
 */
export interface Serving {
  chain: readonly LocaleCode[];
}

const quotesSql = (
  chain: ChainSql,
  visibility: Visibility,
  wants: QuoteWants,
) => P.sql`(SELECT json_agg(${servedQuoteJson(chain, wants)} ORDER BY q.position, q.id)
  FROM "Quote" q ${servedQuoteTextJoin(chain, visibility, P.sql`shown.locales`)} WHERE q."articleId" = a.id) AS quotes`;

const mentionsSql = (
  chain: ChainSql,
  brief: boolean,
) => P.sql`(SELECT json_agg(json_build_object('count', m.count, 'entity', ${servedEntity(P.sql`m."entityId"`, chain, brief)}) ORDER BY m.count DESC, m."entityId")
  FROM "Mention" m WHERE m."articleId" = a.id) AS mentions`;

// Every language version the request may see, for the fields that compare them (an editor's view).
const allTextsSql = (
  visibility: Visibility,
  bodies: boolean,
) => P.sql`(SELECT json_agg(json_build_object('id', t.id, 'articleId', t."articleId", 'locale', t.locale,
    'title', t.title, 'lede', t.lede, 'origin', t.origin, 'version', t.version, 'sourceVersion', t."sourceVersion",
    'status', t.status, 'reviewedBy', t."reviewedBy", 'reviewedAt', floor(extract(epoch FROM t."reviewedAt") * 1000),
    ${jsonTimestamps('t')}${bodies ? P.sql`, 'body', t.body` : P.empty}) ORDER BY t.id)
  FROM "ArticleTranslation" t WHERE t."articleId" = a.id AND ${visibleTextSql(visibility)}) AS texts`;

// The version served, as columns of the article's row: the first visible one along the chain.
const servedTextSql = (chain: ChainSql, visibility: Visibility, bodies: boolean) => P.sql`LEFT JOIN LATERAL (
    SELECT t.id, t.locale::text AS locale, t.title, t.lede${bodies ? P.sql`, t.body` : P.empty} FROM "ArticleTranslation" t
    WHERE t."articleId" = a.id AND ${visibleTextSql(visibility)} ORDER BY ${along(chain, 't', P.sql`a."sourceLocale"`)} LIMIT 1) t ON true`;

type JsonText = Timestamped<Omit<ArticleTextMeta, 'reviewedAt'>> & { reviewedAt: number | null };
const fromJsonText = ({ reviewedAt, ...t }: JsonText): ArticleTextMeta => ({
  ...dated<Omit<ArticleTextMeta, 'reviewedAt'>>(t),
  reviewedAt: reviewedAt == null ? null : new Date(reviewedAt),
});

interface PageRow {
  ord: number;
  id: number;
  slug: string;
  sourceLocale: LocaleCode;
  status: ArticleReadRow['status'];
  publishedAt: Date | null;
  datePrecision: ArticleReadRow['datePrecision'];
  datelineId: number | null;
  agency: string | null;
  version: number;
  embargoedUntil?: Date | null;
  locales?: LocaleCode[];
  tId?: number | null;
  tLocale?: LocaleCode;
  tTitle?: string;
  tLede?: string | null;
  tBody?: ArticleTextMeta['body'];
  texts?: JsonText[] | null;
  quotes?: ServedQuoteJson[] | null;
  mentions?: (Omit<MentionRow, 'articleId' | 'entityId' | 'entity'> & { entity: ServedEntityJson })[] | null;
  dateline?: ServedEntityJson | null;
}

function toReadRow({ ord: _, locales, tId, tLocale, tTitle, tLede, tBody, texts, quotes, mentions, dateline, ...article }: PageRow): ArticleReadRow {
  const relations = {
    ...(dateline !== undefined && { dateline: dateline && fromServedEntity(dateline) }),
    ...(quotes !== undefined && { quotes: (quotes ?? []).map(fromServedQuote) }),
    ...(mentions !== undefined && {
      mentions: (mentions ?? []).map((m) => ({ count: m.count, articleId: article.id, entityId: m.entity.id, entity: fromServedEntity(m.entity) })),
    }),
  };
  if (texts !== undefined) return { ...article, ...relations, translations: (texts ?? []).map(fromJsonText) };
  const served = tId == null ? [] : [{ id: tId, locale: tLocale!, title: tTitle!, lede: tLede ?? null, ...(tBody !== undefined && { body: tBody }) }];
  return { ...article, ...relations, translations: served, localized: true, locales: locales ?? [] };
}

/**
 * The articles `source` lists (rows of `ord`, `id`, with its own order and limit), in ARTICLE_ORDER
 * within each `ord`, each with what `wants` selects, served along `serving.chain`: one statement.
 * By `ord` (an entity page batches several lists). `plannedPerRun`: the best way to find the rows
 * depends on the values bound (see PLANNED_PER_RUN).
 */
export async function selectArticlePage(
  db: Db,
  source: P.Sql,
  visibility: Visibility,
  wants: PageWants,
  serving: Serving,
  plannedPerRun = false,
): Promise<Map<number, ArticleReadRow[]>> {
  const chain = chainSql(serving.chain);
  // The languages the request may see, once per article: `availableLocales`, and which quote translations to serve.
  const shown = !wants.allTexts || wants.quotes ? P.sql`CROSS JOIN LATERAL (SELECT ${visibleLocalesSql(visibility)} AS locales) shown` : P.empty;
  const texts = wants.allTexts
    ? allTextsSql(visibility, wants.bodies)
    : P.sql`shown.locales,
        t.id AS "tId", t.locale AS "tLocale", t.title AS "tTitle", t.lede AS "tLede"${wants.bodies ? P.sql`, t.body AS "tBody"` : P.empty}`;
  const rows = await readRows<PageRow>(
    db,
    P.sql`${plannedPerRun ? PLANNED_PER_RUN : P.empty}
    SELECT p.ord::int AS ord, a.id, a.slug, a."sourceLocale"::text AS "sourceLocale", a.status::text AS status, a."publishedAt", a."datePrecision"::text AS "datePrecision",
           a."datelineId", a.agency, a.version, ${visibility.readers ? P.empty : P.sql`a."embargoedUntil",`}
           ${texts}
           ${wants.quotes ? P.sql`, ${quotesSql(chain, visibility, wants.quotes)}` : P.empty}${wants.mentions ? P.sql`, ${mentionsSql(chain, wants.entitiesBrief)}` : P.empty}
           ${wants.dateline ? P.sql`, ${servedEntity(P.sql`a."datelineId"`, chain, wants.entitiesBrief)} AS dateline` : P.empty}
    FROM (${source}) p JOIN "Article" a ON a.id = p.id ${shown} ${wants.allTexts ? P.empty : servedTextSql(chain, visibility, wants.bodies)}
    WHERE ${visibleArticleSql(visibility)}
    ORDER BY p.ord, ${ARTICLE_ORDER}`,
  );
  const lists = new Map<number, ArticleReadRow[]>();
  for (const row of rows) {
    const list = lists.get(row.ord) ?? [];
    if (list.length === 0) lists.set(row.ord, list);
    list.push(toReadRow(row));
  }
  return lists;
}
