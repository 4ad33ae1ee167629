import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { QuoteReadRow, QuoteRow, WholeQuoteRow } from '../db/rows.js';
import type { LocaleCode } from '../config.js';
import { along, chainSql, type ChainSql, fromServedEntity, servedEntity, type ServedEntityJson } from '../i18n/served.sql.js';
import { entityJson, fromEntityJson } from '../entities/entity.sql.js';
import { foldTranslations } from '../db/flat-rows.js';
import { visibleArticleSql, visibleQuoteTextSql, type Visibility } from '../articles/visibility.js';
import { readRows } from '../db/direct-reads.js';

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
 * Quotes of visible articles with every language version the request may see, by quote ids or by article ids, in
 * text order. An article's quotes come with their speakers: its page shows who said what.
 */
export async function selectQuotes(prisma: Db, by: 'id' | 'articleId', ids: readonly number[], visibility: Visibility): Promise<WholeQuoteRow[]> {
  const speaker = by === 'articleId' ? P.sql`, ${entityJson(P.sql`q."speakerId"`)} AS speaker` : P.empty;
  const rows = await readRows<FlatQuote>(
    prisma,
    P.sql`
    SELECT q.id, q."articleId", q."speakerId", q."originalLocale"::text AS "originalLocale", q.position, q.version, q."createdAt", q."updatedAt",
           t.id AS "tId", t.locale::text AS "tLocale", t.text AS "tText", t.attribution AS "tAttribution", t.origin::text AS "tOrigin",
           t.version AS "tVersion", t."sourceVersion" AS "tSourceVersion", t."createdAt" AS "tCreatedAt", t."updatedAt" AS "tUpdatedAt"${speaker}
    FROM "Quote" q JOIN "Article" a ON a.id = q."articleId" LEFT JOIN "QuoteTranslation" t ON t."quoteId" = q.id AND ${visibleQuoteTextSql(visibility, 't', 'q')}
    WHERE ${P.raw(by === 'id' ? 'q.id' : 'q."articleId"')} = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)}
    ORDER BY q."articleId", q.position, q.id, t.id`,
  );
  return foldTranslations(rows, toQuoteRow, toQuoteText);
}

/** What the request selects on the quotes it lists (see page-lookahead.ts). */
export interface QuoteWants {
  /** `originalText`: the original version besides the one served. */
  originals: boolean;
  speaker: boolean;
  /** The speaker without description and aliases: neither is selected. */
  speakerBrief: boolean;
  /** `article`: the article's id is read. */
  article: boolean;
  version: boolean;
  attribution: boolean;
}

/** The join serving the quote aliased `q` (of the article aliased `a`): its first visible version along `chain`, as `qt`. */
export const servedQuoteTextJoin = (chain: ChainSql, visibility: Visibility, articleLocales?: P.Sql) => P.sql`LEFT JOIN LATERAL (
    SELECT t.locale, t.text, t.attribution FROM "QuoteTranslation" t WHERE t."quoteId" = q.id AND ${visibleQuoteTextSql(visibility, 't', 'q', articleLocales)}
    ORDER BY ${along(chain, 't', P.sql`q."originalLocale"`)} LIMIT 1) qt ON true`;

/**
 * The quote aliased `q` served (with servedQuoteTextJoin), as one flat JSON object holding what
 * `wants` selects (the article's id, the version, the attribution only when selected): its original
 * version when it is not the one served and `originalText` is selected, its speaker when selected.
 */
export const servedQuoteJson = (chain: ChainSql, wants: QuoteWants) => P.sql`json_build_object('id', q.id, 'originalLocale', q."originalLocale",
    'locale', qt.locale, 'text', qt.text${wants.attribution ? P.sql`, 'attribution', qt.attribution` : P.empty}${
      wants.article ? P.sql`, 'articleId', q."articleId"` : P.empty
    }${wants.version ? P.sql`, 'version', q.version` : P.empty}${
      wants.originals
        ? P.sql`, 'original', (SELECT json_build_object('locale', o.locale, 'text', o.text, 'attribution', o.attribution) FROM "QuoteTranslation" o
            WHERE o."quoteId" = q.id AND o.locale = q."originalLocale" AND o.locale IS DISTINCT FROM qt.locale)`
        : P.empty
    }${wants.speaker ? P.sql`, 'speakerId', q."speakerId", 'speaker', ${servedEntity(P.sql`q."speakerId"`, chain, wants.speakerBrief)}` : P.empty})`;

type ServedQuoteText = Extract<QuoteReadRow, { localized: true }>['translations'][number];
/** servedQuoteJson's JSON; `locale` is null for a quote without a version the request may see. */
export type ServedQuoteJson = Pick<QuoteReadRow, 'id' | 'originalLocale'> &
  Partial<Pick<QuoteReadRow, 'articleId' | 'speakerId' | 'version'>> & {
    locale: LocaleCode | null;
    text: string | null;
    attribution?: string | null;
    original?: ServedQuoteText | null;
    speaker?: ServedEntityJson | null;
  };

/**
 * The read row of servedQuoteJson's JSON: localized, holding the version served (and the original
 * when read). What the request does not select was not read: those fields are left undefined.
 */
export function fromServedQuote({ locale, text, attribution = null, original, speaker, ...quote }: ServedQuoteJson): QuoteReadRow {
  const served = locale === null ? [] : [{ locale, text: text!, attribution }];
  return {
    ...(quote as Pick<QuoteReadRow, 'id' | 'articleId' | 'speakerId' | 'originalLocale' | 'position' | 'version'>),
    translations: original ? [...served, original] : served,
    localized: true,
    ...(speaker !== undefined && { speaker: speaker && fromServedEntity(speaker) }),
  };
}

/**
 * The quotes `source` lists (rows of `ord`, `id`), newest first within each `ord`, localized
 * along `chain` (the version served; the original too when selected; the speaker's version
 * served), of visible articles only: one statement.
 */
export async function selectServedQuotes(
  db: Db,
  source: P.Sql,
  visibility: Visibility,
  wants: QuoteWants,
  chain: readonly LocaleCode[],
): Promise<Map<number, QuoteReadRow[]>> {
  const c = chainSql(chain);
  const rows = await readRows<{ ord: number; quote: ServedQuoteJson }>(
    db,
    P.sql`
    SELECT p.ord::int AS ord, ${servedQuoteJson(c, wants)} AS quote
    FROM (${source}) p JOIN "Quote" q ON q.id = p.id JOIN "Article" a ON a.id = q."articleId" ${servedQuoteTextJoin(c, visibility)}
    WHERE ${visibleArticleSql(visibility)}
    ORDER BY p.ord, q.id DESC`,
  );
  const lists = new Map<number, QuoteReadRow[]>();
  for (const { ord, quote } of rows) {
    const list = lists.get(ord) ?? [];
    if (list.length === 0) lists.set(ord, list);
    list.push(fromServedQuote(quote));
  }
  return lists;
}
