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
  /** Config `searchRecentArticles`: newest visible articles whose texts are matched one by one before the text index is used (newestMatches). */
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

// A text matches when its own language's reading of the query matches it: the query is parsed by
// both stemmers, and each text is compared with the parse in its own language. Written out with
// the query (not read from the CTE \`q\`) where the text index is used, so that PostgreSQL uses it.
const matches = (alias: string, text: string) => {
  const t = Prisma.raw(alias);
  return sql`((${t}.locale = 'FR' AND ${t}.search @@ websearch_to_tsquery('depeche_fr', ${text})) OR (${t}.locale = 'EN' AND ${t}.search @@ websearch_to_tsquery('depeche_en', ${text})))`;
};
/** The query as parsed (CTE \`q\`) in the language of the text aliased \`alias\`. */
const queryIn = (alias: string) => sql`CASE ${Prisma.raw(alias)}.locale WHEN 'FR' THEN q.fr ELSE q.en END`;
/** The same test, one text at a time, with the parses of the CTE \`q\` (a walk reads thousands of texts: parsing the query for each would cost more than the test). */
const matchesParsed = (alias: string) => sql`${Prisma.raw(alias)}.search @@ ${queryIn(alias)}`;
const rankOf = (alias: string) => sql`ts_rank_cd(${Prisma.raw(alias)}.search, ${queryIn(alias)}, 32)`;

/**
 * Texts of one source (article texts, quote texts) attached to articles. Each form yields the
 * columns id (the hit), aid (its article), locale, search and pos (its order in the article).
 */
interface TextSource {
  /** The columns, from the text and its article \`a\`. */
  columns: Prisma.Sql;
  /** The texts joined to their article as \`a\`, and the condition of a matching, visible text (for the text index). */
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** The matching, visible texts of the article \`a\`: the body of a LATERAL. */
  ofArticle: Prisma.Sql;
  /** A condition on the article \`a\` that only this source has (an article's speaker filter). */
  articleCondition: Prisma.Sql;
}

/**
 * The source's newest SEARCH.RANKED_ROWS_MAX matching texts (by article in ARTICLE_ORDER, then
 * \`pos\`, then language), so that ranking costs the same for a word found in every text as for a
 * rare one. Collecting every match through the text index to keep the newest costs in proportion
 * to the matches (68,000 quote texts for the ten most frequent words, 300 ms); walking the newest
 * articles costs in proportion to the articles walked, and is unbounded when few texts match
 * (PostgreSQL picks that walk from its estimates, and a rare word it takes for a common one made
 * it walk the whole archive: 650 ms). So the walk is bounded and chosen from what it finds: the
 * texts of the newest \`recentArticles\` articles are read article by article (A); when they hold
 * at least 1/(1 + WALK_ON) of the texts wanted, the walk goes on through WALK_ON times as many
 * articles (B); otherwise, or when B ends short, the text index collects the older matches (C).
 */
function newestMatches(c: SearchCriteria, source: TextSource): Prisma.Sql {
  const wanted = SEARCH.RANKED_ROWS_MAX;
  const conditions = sql`${articleConditions(c)} ${source.articleCondition}`;
  const older = (from: Prisma.Sql, after: Prisma.Sql) => sql`
    SELECT * FROM (SELECT ${source.columns}, a."publishedAt" AS at FROM ${source.from} ${from} WHERE ${source.where} AND ${conditions} ${after} OFFSET 0) m
    ORDER BY at DESC, aid DESC, pos, locale LIMIT ${wanted}`;
  // OFFSET 0 above: PostgreSQL collects the matches through the text index, never by walking articles (see above).
  if (c.recentArticles === 0) return older(empty, empty);

  const recent = c.recentArticles;
  const walkedTo = recent * (1 + SEARCH.WALK_ON);
  // OFFSET 0 keeps PostgreSQL from turning the LATERAL into a join over every matching text.
  const textsOf = sql`CROSS JOIN LATERAL (${source.ofArticle} OFFSET 0) x`;
  const walked = sql`x.id, x.aid, x.locale, x.search, x.pos, a."publishedAt" AS at, a.n`;
  const walkOn = sql`(SELECT count(*) FROM recent_texts) * ${1 + SEARCH.WALK_ON}::bigint >= ${wanted}::bigint`;
  const edge = sql`CASE WHEN ${walkOn} THEN ${walkedTo}::bigint ELSE ${recent}::bigint END`;
  return sql`
    WITH recent AS (SELECT r.*, row_number() OVER (ORDER BY r."publishedAt" DESC, r.id DESC) AS n FROM (${recentArticles(c, conditions, walkedTo)}) r),
    recent_texts AS MATERIALIZED (
      SELECT ${walked} FROM q, (SELECT * FROM recent LIMIT ${recent}) a ${textsOf}
    )
    -- An Append runs its branches in order and the LIMIT stops pulling once it has enough: B and C
    -- start only when A holds fewer texts than wanted, and B only when A's share passes its gate.
    SELECT id, aid, locale, search, pos, at FROM (
      (SELECT * FROM recent_texts ORDER BY n, pos, locale)
      UNION ALL
      -- In the order of \`recent\`: a nested loop keeps it (a sort would walk all of B first).
      (SELECT ${walked} FROM q, recent a ${textsOf} WHERE a.n > ${recent}::bigint AND ${walkOn})
      UNION ALL
      (SELECT *, 0::bigint FROM (${older(
        sql`, (SELECT e."publishedAt", e.id FROM recent e WHERE e.n = ${edge} LIMIT 1) edge`,
        sql`AND ${afterArticle(sql`edge."publishedAt"`, sql`edge.id`)}`,
      )}) o)
    ) u LIMIT ${wanted}`;
}

/**
 * The newest \`limit\` articles satisfying \`conditions\`, in ARTICLE_ORDER: one ordered scan of
 * the feed index (status, publishedAt, id) per status, merged (an editor sees three statuses, which
 * one scan cannot return in order: it would sort the whole archive).
 */
function recentArticles(c: SearchCriteria, conditions: Prisma.Sql, limit: number): Prisma.Sql {
  const statuses = c.status ? c.visibility.statuses.filter((s) => c.status!.includes(s)) : c.visibility.statuses;
  const scans = statuses.map(
    (status) => sql`(SELECT a.id, a."publishedAt", a."sourceLocale" FROM "Article" a WHERE a.status = ${status}::"ArticleStatus" AND ${conditions}
      ORDER BY ${ARTICLE_ORDER} LIMIT ${limit})`,
  );
  if (scans.length === 0) return sql`SELECT a.id, a."publishedAt", a."sourceLocale" FROM "Article" a WHERE FALSE`;
  return sql`SELECT * FROM (${join(scans, ' UNION ALL ')}) a ORDER BY ${ARTICLE_ORDER} LIMIT ${limit}`;
}

const ranked = (kind: SearchHitKind, source: Prisma.Sql) =>
  sql`SELECT ${Prisma.raw(`'${kind}'`)} AS kind, t.id, t.locale::text AS matched, ${rankOf('t')} AS rank, t.at FROM q, (${source}) t`;

function articleHits(c: SearchCriteria): Prisma.Sql {
  const speaker = c.speaker === undefined ? empty : sql`AND EXISTS (SELECT 1 FROM "Quote" s WHERE s."articleId" = a.id AND s."speakerId" = ${c.speaker})`;
  const columns = sql`t."articleId" AS id, t."articleId" AS aid, t.locale, t.search, 0 AS pos`;
  const texts = newestMatches(c, {
    columns,
    from: sql`"ArticleTranslation" t JOIN "Article" a ON a.id = t."articleId"`,
    where: sql`${matches('t', c.text)} AND ${visibleTextSql(c.visibility)}`,
    ofArticle: sql`SELECT ${columns} FROM "ArticleTranslation" t WHERE t."articleId" = a.id AND ${matchesParsed('t')} AND ${visibleTextSql(c.visibility)}`,
    articleCondition: speaker,
  });
  return sql`
    ${ranked(SearchHitKind.ARTICLE, texts)}
    UNION ALL
    -- Articles naming an entity the query names, in any language: "Putin" finds "Poutine".
    SELECT * FROM (
      SELECT 'ARTICLE', m."articleId", n.matched, ${SEARCH.MENTION_RANK} * n.score * least(m.count, 5), a."publishedAt"
      FROM named n JOIN "Mention" m ON m."entityId" = n.id JOIN "Article" a ON a.id = m."articleId"
      WHERE n.score >= ${SEARCH.NAME_MATCH_MIN_SIMILARITY} AND ${articleConditions(c)} ${speaker}
      ORDER BY ${ARTICLE_ORDER} LIMIT ${SEARCH.RANKED_ROWS_MAX}
    ) m`;
}

function quoteHits(c: SearchCriteria): Prisma.Sql {
  const speaker = c.speaker === undefined ? empty : sql`AND qu."speakerId" = ${c.speaker}`;
  const visible = sql`${visibleQuoteTextSql(c.visibility, 'qt', 'qu')} ${speaker}`;
  const columns = sql`qt."quoteId" AS id, qu."articleId" AS aid, qt.locale, qt.search, qu.position AS pos`;
  return ranked(
    SearchHitKind.QUOTE,
    newestMatches(c, {
      columns,
      from: sql`"QuoteTranslation" qt JOIN "Quote" qu ON qu.id = qt."quoteId" JOIN "Article" a ON a.id = qu."articleId"`,
      where: sql`${matches('qt', c.text)} AND ${visible}`,
      ofArticle: sql`SELECT ${columns} FROM "Quote" qu JOIN "QuoteTranslation" qt ON qt."quoteId" = qu.id
        WHERE qu."articleId" = a.id AND ${matchesParsed('qt')} AND ${visible}`,
      articleCondition: empty,
    }),
  );
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
    ORDER BY coalesce(${matchesParsed('x')}, false) DESC,
             (x.locale::text = r.requested) DESC, (x.locale::text = h.matched) DESC
    LIMIT 1
  ) s ON true`;

// ts_headline's work grows with the text: the opening SNIPPET_SOURCE_MAX characters are enough for an extract.
const snippetSql = sql`CASE WHEN h.kind = 'ENTITY' THEN s.doc
  ELSE ts_headline(depeche_ts_config(s.locale::"Locale"), left(s.doc, ${SEARCH.SNIPPET_SOURCE_MAX}), ${queryIn('s')}, ${SEARCH.HEADLINE_OPTIONS}) END`;

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
      SELECT kind, id, (array_agg(matched ORDER BY rank DESC, matched = ${c.requested} DESC, matched))[1] AS matched, max(rank) AS rank, max(at) AS at, count(*) OVER () AS total
      FROM found GROUP BY kind, id
    )
    SELECT h.kind, h.id, h.matched, h.rank::float8 AS rank, h.total::int AS total,
           ${c.snippets ? sql`${snippetSql} AS snippet, s.locale AS "snippetLocale"` : sql`NULL AS snippet, NULL AS "snippetLocale"`}
    FROM (SELECT * FROM hits ORDER BY rank DESC, at DESC NULLS LAST, kind, id LIMIT ${c.take} OFFSET ${c.offset}) h CROSS JOIN q CROSS JOIN r
    ${c.snippets ? snippetSourceSql(c.visibility) : empty}
    ORDER BY h.rank DESC, h.at DESC NULLS LAST, h.kind, h.id`;
}
