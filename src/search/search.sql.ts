import { Prisma, type ArticleStatus } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { SEARCH } from '../server/limits.js';
import { SearchHitKind } from './search.type.js';
import { articleStatusSql, visibleArticleSql, visibleQuoteTextSql, visibleTextSql, type Visibility } from '../articles/visibility.js';
import { timestamp } from '../db/sql.js';
import { PLANNED_PER_RUN } from '../db/statement-names.js';
import { ARTICLE_ORDER, afterArticle } from '../articles/article.order.js';

/** Search conditions after validation: database ids, no global ids. */
export interface SearchCriteria {
  text: string;
  requested: LocaleCode;
  visibility: Visibility;
  status?: readonly ArticleStatus[];
  kinds: Set<SearchHitKind>;
  mentions?: number;
  speaker?: number;
  publishedAfter?: Date;
  publishedBefore?: Date;
  availableIn?: LocaleCode;
  take: number;
  offset: number;
  /** Config `searchRecentArticles`: newest visible articles whose quotes are matched one by one before the index is used. */
  recentArticles: number;
  /** Cut extracts (ts_headline) for the page: only when the query selects them. */
  snippets: boolean;
}

export interface HitRow {
  kind: SearchHitKind;
  id: number;
  matched: LocaleCode;
  rank: number;
  snippet: string | null;
  snippetLocale: LocaleCode | null;
  total: number;
}

const { sql, join, empty } = Prisma;

/** Conditions on the article `a` shared by article and quote hits. */
function articleConditions(c: SearchCriteria): Prisma.Sql {
  // A status filter narrows what the viewer may see, never widens it.
  const parts: Prisma.Sql[] = [visibleArticleSql(c.visibility)];
  if (c.status) parts.push(articleStatusSql(c.status));
  if (c.mentions !== undefined) parts.push(sql`EXISTS (SELECT 1 FROM "Mention" m WHERE m."articleId" = a.id AND m."entityId" = ${c.mentions})`);
  if (c.publishedAfter) parts.push(sql`a."publishedAt" >= ${timestamp(c.publishedAfter)}`);
  if (c.publishedBefore) parts.push(sql`a."publishedAt" < ${timestamp(c.publishedBefore)}`);
  if (c.availableIn)
    parts.push(
      sql`EXISTS (SELECT 1 FROM "ArticleTranslation" x WHERE x."articleId" = a.id AND x.locale = ${c.availableIn}::"Locale" AND ${visibleTextSql(c.visibility, 'x')})`,
    );
  return join(parts, ' AND ');
}

// A row matches when its own language's reading of the query matches it: the query is parsed by
// both stemmers, and each text is compared with the parse in its own language. The parses are
// written out here rather than read from the CTE \`q\`: PostgreSQL then knows the query when it
// plans, estimates how many texts match, and for a word found everywhere walks the newest
// articles instead of collecting every match (see \`newest\`).
const matches = (alias: string, text: string) => {
  const t = Prisma.raw(alias);
  return sql`((${t}.locale = 'FR' AND ${t}.search @@ websearch_to_tsquery('depeche_fr', ${text})) OR (${t}.locale = 'EN' AND ${t}.search @@ websearch_to_tsquery('depeche_en', ${text})))`;
};
const rankOf = (alias: string) => sql`ts_rank_cd(${Prisma.raw(alias)}.search, CASE ${Prisma.raw(alias)}.locale WHEN 'FR' THEN q.fr ELSE q.en END, 32)`;

// The newest matches first, at most RANKED_ROWS_MAX per source: a word found in every text costs
// no more to rank than one found in a thousand.
// The order of Article_status_publishedAt_id_idx: for a word found everywhere, PostgreSQL walks
// the newest articles and stops after RANKED_ROWS_MAX matches instead of sorting them all.
const newest = sql`ORDER BY ${ARTICLE_ORDER} LIMIT ${SEARCH.RANKED_ROWS_MAX}`;

function articleHits(c: SearchCriteria): Prisma.Sql {
  const speaker = c.speaker === undefined ? empty : sql`AND EXISTS (SELECT 1 FROM "Quote" s WHERE s."articleId" = a.id AND s."speakerId" = ${c.speaker})`;
  return sql`
    SELECT 'ARTICLE' AS kind, t.id, t.locale::text AS matched, ${rankOf('t')} AS rank, t.at
    FROM q, (
      SELECT t."articleId" AS id, t.locale, t.search, a."publishedAt" AS at
      FROM q, "ArticleTranslation" t JOIN "Article" a ON a.id = t."articleId"
      WHERE ${matches('t', c.text)} AND ${visibleTextSql(c.visibility)} AND ${articleConditions(c)} ${speaker}
      ${newest}
    ) t
    UNION ALL
    -- Articles naming an entity the query names, in any language: "Putin" finds "Poutine".
    SELECT * FROM (
      SELECT 'ARTICLE', m."articleId", n.matched, ${SEARCH.MENTION_RANK} * n.score * least(m.count, 5), a."publishedAt"
      FROM named n JOIN "Mention" m ON m."entityId" = n.id JOIN "Article" a ON a.id = m."articleId"
      WHERE n.score >= ${SEARCH.NAME_MATCH_MIN_SIMILARITY} AND ${articleConditions(c)} ${speaker}
      ${newest}
    ) m`;
}

/**
 * Quote texts matching the query, the newest RANKED_ROWS_MAX (by article, then by position in
 * it). A word found in every quote would make the text index hand over every match in the
 * archive, only to keep the newest; so the quotes of the newest `recentArticles` articles are
 * read article by article first (A). Their share of matches then picks the cheaper way on: walk
 * on through up to WALK_ON times as many articles (B), or the index for the older ones (C).
 */
function quoteHits(c: SearchCriteria): Prisma.Sql {
  const speaker = c.speaker === undefined ? empty : sql`AND qu."speakerId" = ${c.speaker}`;
  const visible = visibleQuoteTextSql(c.visibility, 'qt', 'qu');
  const indexed = (from: Prisma.Sql, older: Prisma.Sql) => sql`
      SELECT qt."quoteId" AS id, qt.locale, qt.search, a."publishedAt" AS at
      FROM "QuoteTranslation" qt JOIN "Quote" qu ON qu.id = qt."quoteId" JOIN "Article" a ON a.id = qu."articleId" ${from}
      WHERE ${matches('qt', c.text)} AND ${visible} AND ${articleConditions(c)} ${speaker} ${older}
      ORDER BY ${ARTICLE_ORDER}, qu.position, qt.locale LIMIT ${SEARCH.RANKED_ROWS_MAX}`;
  const ranked = (source: Prisma.Sql) => sql`SELECT 'QUOTE', qt.id, qt.locale::text, ${rankOf('qt')}, qt.at FROM q, (${source}) qt`;
  // Editors' matches need no visibility probe each, which is what makes the index dear for
  // readers (measured: an editor's index plan costs less than the walk for every word).
  if (c.recentArticles === 0 || !c.visibility.readers) return ranked(indexed(empty, empty));

  const recent = c.recentArticles;
  const walkedTo = recent * (1 + SEARCH.WALK_ON);
  // OFFSET 0 keeps PostgreSQL from turning the LATERAL into a join over every matching quote.
  const quotesOf = sql`CROSS JOIN LATERAL (
        SELECT qt."quoteId", qt.locale, qt.search, qu.position FROM "Quote" qu JOIN "QuoteTranslation" qt ON qt."quoteId" = qu.id
        WHERE qu."articleId" = a.id AND qt.search @@ CASE qt.locale WHEN 'FR' THEN q.fr ELSE q.en END AND ${visible} ${speaker}
        OFFSET 0
      ) qt`;
  // Walking on pays when the recent articles' density promises the rest within the walk.
  const walkOn = sql`(SELECT count(*) FROM recent_quotes) * ${1 + SEARCH.WALK_ON}::bigint >= ${SEARCH.RANKED_ROWS_MAX}::bigint`;
  return ranked(sql`
    WITH recent AS (
      SELECT a.id, a."publishedAt", a."sourceLocale", row_number() OVER (ORDER BY ${ARTICLE_ORDER}) AS n
      FROM "Article" a WHERE ${articleConditions(c)} ORDER BY ${ARTICLE_ORDER} LIMIT ${walkedTo}
    ),
    recent_quotes AS MATERIALIZED (
      SELECT qt."quoteId" AS id, qt.locale, qt.search, a."publishedAt" AS at, a.n, qt.position
      FROM q, (SELECT * FROM recent LIMIT ${recent}) a ${quotesOf}
    )
    -- An Append runs its branches in order and the LIMIT stops pulling once it has enough: B and C
    -- start only when A holds fewer than RANKED_ROWS_MAX matches, and only one of them passes its gate.
    SELECT id, locale, search, at FROM (
      (SELECT * FROM recent_quotes ORDER BY n, position, locale)
      UNION ALL
      -- B, in the order of \`recent\` (a nested loop keeps it; a sort would walk all of B first).
      (SELECT qt."quoteId", qt.locale, qt.search, a."publishedAt", a.n, qt.position FROM q, recent a ${quotesOf}
       WHERE a.n > ${recent}::bigint AND ${walkOn})
      UNION ALL
      (SELECT *, 0::bigint, 0 FROM (${indexed(
        sql`, (SELECT e."publishedAt", e.id FROM recent e WHERE e.n = CASE WHEN ${walkOn} THEN ${walkedTo}::bigint ELSE ${recent}::bigint END LIMIT 1) edge`,
        sql`AND ${afterArticle(sql`edge."publishedAt"`, sql`edge.id`)}`,
      )}) older)
    ) u LIMIT ${SEARCH.RANKED_ROWS_MAX}`);
}

const entityHits = () => sql`SELECT 'ENTITY', n.id, n.matched, n.score, NULL::timestamp FROM named n`;

// The text a snippet is cut from: the served language's when the query matches it, else the
// language that matched (so the snippet shows the matched words marked, and says its language),
// else the served one (an article found only through an entity it names); of the language versions
// the request may see only.
const snippetSourceSql = (visibility: Visibility) => sql`
  LEFT JOIN LATERAL (
    SELECT x.locale::text AS locale, x.doc FROM (
      SELECT t.locale, t.search, depeche_html_escape(t.title || ' — ' || coalesce(t.lede, '') || ' ' ||
               coalesce((SELECT string_agg(p->>'text', ' ') FROM jsonb_array_elements(t.body) p), '')) AS doc
      FROM "ArticleTranslation" t JOIN "Article" a ON a.id = t."articleId" WHERE h.kind = 'ARTICLE' AND t."articleId" = h.id AND ${visibleTextSql(visibility)}
      UNION ALL
      SELECT t.locale, t.search, depeche_html_escape(t.text) FROM "QuoteTranslation" t JOIN "Quote" qu ON qu.id = t."quoteId" JOIN "Article" a ON a.id = qu."articleId"
      WHERE h.kind = 'QUOTE' AND t."quoteId" = h.id AND ${visibleQuoteTextSql(visibility, 't', 'qu')}
      UNION ALL
      SELECT t.locale, NULL::tsvector, depeche_html_escape(t.name || coalesce(' — ' || t.description, ''))
      FROM "EntityTranslation" t WHERE h.kind = 'ENTITY' AND t."entityId" = h.id
    ) x
    ORDER BY coalesce(x.search @@ CASE x.locale WHEN 'FR' THEN q.fr ELSE q.en END, false) DESC,
             (x.locale::text = r.requested) DESC, (x.locale::text = h.matched) DESC
    LIMIT 1
  ) s ON true`;

// ts_headline's work grows with the text: the opening SNIPPET_SOURCE_MAX characters are enough for an extract.
const snippetSql = sql`CASE WHEN h.kind = 'ENTITY' THEN s.doc
  ELSE ts_headline(depeche_ts_config(s.locale::"Locale"), left(s.doc, ${SEARCH.SNIPPET_SOURCE_MAX}), CASE s.locale WHEN 'FR' THEN q.fr ELSE q.en END, ${SEARCH.HEADLINE_OPTIONS}) END`;

/**
 * One statement: every kind of hit, ranked (recency breaks ties), counted, paged, with snippets
 * for the page only. All user input travels as bound parameters.
 */
export function searchSql(c: SearchCriteria): Prisma.Sql {
  const withEntities =
    c.kinds.has(SearchHitKind.ENTITY) &&
    !c.status &&
    c.mentions === undefined &&
    c.speaker === undefined &&
    !c.publishedAfter &&
    !c.publishedBefore &&
    !c.availableIn;
  const parts = [
    ...(c.kinds.has(SearchHitKind.ARTICLE) ? [articleHits(c)] : []),
    ...(c.kinds.has(SearchHitKind.QUOTE) ? [quoteHits(c)] : []),
    ...(withEntities ? [entityHits()] : []),
  ];
  return sql`${PLANNED_PER_RUN}
    WITH q AS (
      SELECT websearch_to_tsquery('depeche_fr', ${c.text}) AS fr, websearch_to_tsquery('depeche_en', ${c.text}) AS en, depeche_fold(${c.text}) AS folded
    ),
    r AS (SELECT ${c.requested}::text AS requested),
    named AS (
      SELECT DISTINCT ON (et."entityId") et."entityId" AS id, et.locale::text AS matched, word_similarity(q.folded, et.names) AS score
      FROM q, "EntityTranslation" et JOIN "Entity" e ON e.id = et."entityId"
      -- Merged duplicates are not hits: their names are aliases of the entity kept.
      WHERE q.folded <% et.names AND e."mergedIntoId" IS NULL
      ORDER BY et."entityId", score DESC, (et.locale::text = ${c.requested}) DESC
    ),
    found (kind, id, matched, rank, at) AS (${join(parts, ' UNION ALL ')}),
    hits AS (
      SELECT kind, id, (array_agg(matched ORDER BY rank DESC))[1] AS matched, max(rank) AS rank, max(at) AS at, count(*) OVER () AS total
      FROM found GROUP BY kind, id
    )
    SELECT h.kind, h.id, h.matched, h.rank::float8 AS rank, h.total::int AS total,
           ${c.snippets ? sql`${snippetSql} AS snippet, s.locale AS "snippetLocale"` : sql`NULL AS snippet, NULL AS "snippetLocale"`}
    FROM (SELECT * FROM hits ORDER BY rank DESC, at DESC NULLS LAST, kind, id LIMIT ${c.take} OFFSET ${c.offset}) h CROSS JOIN q CROSS JOIN r
    ${c.snippets ? snippetSourceSql(c.visibility) : empty}
    ORDER BY h.rank DESC, h.at DESC NULLS LAST, h.kind, h.id`;
}
