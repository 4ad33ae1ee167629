import type { LocaleCode } from '../config.js';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import { loadPresent } from '../common/group.js';
import { requireEntityId } from '../common/id-arg.js';
import { cleanQueryText } from '../common/query-text.js';
import { SEARCH } from '../server/limits.js';
import { canEdit, type Context } from '../server/context.js';
import { AppError } from '../server/errors.js';
import { searchTerms } from './search.terms.js';
import { SearchAbandoned } from './search.bulkhead.js';
import { toArticle } from '../articles/article.view.js';
import { WANTS_NOTHING, type PageWants } from '../articles/article-page.sql.js';
import type { QuoteWants } from '../quotes/quote.sql.js';

/** What the query selects on the articles and quotes of the hits. */
interface HitWants {
  articles: PageWants;
  quotes: QuoteWants;
  /** `snippet` or `snippetLocale`: without them the statement cuts no extract. */
  snippets: boolean;
}
const NO_HIT_WANTS: HitWants = {
  articles: WANTS_NOTHING,
  quotes: { originals: false, speaker: false, speakerBrief: false, article: true, version: true, attribution: true },
  snippets: true,
};

/** More than a screen of results asks for (SEARCH.LIGHT_*): such searches share a lane of their own (search.bulkhead.ts). */
const isHeavySearch = (first: number, snippets: boolean, distinctTerms: number) =>
  (snippets && first > SEARCH.LIGHT_SNIPPETS_MAX) || distinctTerms > SEARCH.LIGHT_TERMS_MAX;
import { toQuote } from '../quotes/quote.view.js';
import { toEntity } from '../entities/entity.view.js';
import type { SearchFilter } from './search.input.js';
import { searchSql, type HitRow, type SearchCriteria } from './search.sql.js';
import { ArticleHit, EntityHit, QuoteHit, SearchHitKind, type SearchHit } from './search.type.js';
import { readRows } from '../db/direct-reads.js';

// Relevance order is not a stable key (ranks tie, new articles move it), so search pages by offset.
const SEARCH_CURSOR = { tag: 'search', shape: ['offset'] as CursorShape };

export async function search(
  ctx: Context,
  query: string,
  locale: LocaleCode,
  args: PageArgs,
  filter?: SearchFilter | null,
  wants: HitWants = NO_HIT_WANTS,
): Promise<ConnectionShape<SearchHit>> {
  const errors = ctx.errors(locale);
  const cleaned = cleanQueryText(query);
  if (cleaned.length === 0) throw errors.badInput('searchEmpty', { argument: 'query' });
  if (cleaned.length > SEARCH.QUERY_MAX_LENGTH) throw errors.badInput('searchTooLong', { argument: 'query', max: SEARCH.QUERY_MAX_LENGTH });
  const { text, distinct, wanted } = searchTerms(cleaned);
  if (distinct > SEARCH.TERMS_MAX) throw errors.badInput('searchTooManyTerms', { argument: 'query', max: SEARCH.TERMS_MAX, actual: distinct });
  if (distinct > 0 && wanted === 0) throw errors.badInput('searchOnlyExclusions', { argument: 'query' });
  const page = readPage(args, SEARCH_CURSOR.tag, SEARCH_CURSOR.shape, errors);
  const offset = (page.after?.[0] as number | undefined) ?? 0;

  const criteria: SearchCriteria = {
    text,
    requested: locale,
    visibility: ctx.visibility,
    kinds: new Set(filter?.kinds?.length ? filter.kinds : Object.values(SearchHitKind)),
    mentions: filter?.mentions ? await requireEntityId(ctx, filter.mentions, 'filter.mentions', errors) : undefined,
    speaker: filter?.speaker ? await requireEntityId(ctx, filter.speaker, 'filter.speaker', errors) : undefined,
    publishedAfter: filter?.publishedAfter ?? undefined,
    publishedBefore: filter?.publishedBefore ?? undefined,
    availableIn: filter?.availableIn ?? undefined,
    status: filter?.status ?? undefined,
    take: page.take,
    offset,
    recentArticles: ctx.config.searchRecentArticles,
    snippets: wants.snippets,
  };
  const rows = await runSearch(ctx, locale, criteria, isHeavySearch(page.first, wants.snippets, distinct));
  const hits = await toHits(ctx, rows, locale, wants);
  const total = rows[0]?.total ?? 0;
  return toConnection(
    hits,
    page,
    (h) => h.hit,
    (h) => encodeCursor(SEARCH_CURSOR.tag, [offset + h.position + 1]),
    // The count comes with the page (a window function), except past the end where there are no rows.
    async () => (rows.length > 0 ? total : countPastEnd(ctx, locale, criteria, distinct)),
  );
}

/** Loads the objects behind the hits (one batched query per kind; articles localized with what `wants` selects) and keeps the rank order. */
async function toHits(ctx: Context, rows: HitRow[], locale: LocaleCode, wants: HitWants) {
  const ids = (kind: SearchHitKind) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const [articles, quotes, entities] = await Promise.all([
    loadPresent(
      ctx.loaders.servedArticle,
      ids(SearchHitKind.ARTICLE).map((id) => ({ id, locale, wants: wants.articles })),
    ),
    loadPresent(
      ctx.loaders.servedQuote,
      ids(SearchHitKind.QUOTE).map((id) => ({ id, locale, wants: wants.quotes })),
    ),
    loadPresent(ctx.loaders.entity, ids(SearchHitKind.ENTITY)),
  ]);
  const byId = {
    [SearchHitKind.ARTICLE]: new Map(articles.map((a) => [a.id, a])),
    [SearchHitKind.QUOTE]: new Map(quotes.map((q) => [q.id, q])),
    [SearchHitKind.ENTITY]: new Map(entities.map((e) => [e.id, e])),
  };
  return rows.flatMap((row, position) => {
    const base = { kind: row.kind, rank: row.rank, matchedLocale: row.matched, snippet: row.snippet ?? '', snippetLocale: row.snippetLocale ?? locale };
    let hit: SearchHit | null = null;
    if (row.kind === SearchHitKind.ARTICLE) {
      const a = byId.ARTICLE.get(row.id);
      if (a) hit = Object.assign(new ArticleHit(), base, { article: toArticle(a, locale, ctx.localizer) });
    } else if (row.kind === SearchHitKind.QUOTE) {
      const q = byId.QUOTE.get(row.id);
      if (q) hit = Object.assign(new QuoteHit(), base, { quote: toQuote(q, locale, ctx.localizer) });
    } else {
      const e = byId.ENTITY.get(row.id);
      if (e) hit = Object.assign(new EntityHit(), base, { entity: toEntity(e, locale, ctx.localizer) });
    }
    // An object unpublished between the search and the load is dropped, not shown half-empty.
    return hit ? [{ hit, position }] : [];
  });
}

/**
 * The search statement, through the search bulkhead (a slot, or SERVICE_UNAVAILABLE at once when
 * too many searches wait). Without an editor token it runs on the anonymous search pool, whose
 * statement timeout is DB_ANONYMOUS_STATEMENT_TIMEOUT_MS (PostgreSQL; PGlite cannot interrupt).
 */
function runSearch(ctx: Context, locale: LocaleCode, criteria: SearchCriteria, heavy: boolean): Promise<HitRow[]> {
  const client = canEdit(ctx.viewer) || !ctx.anonymousSearcher ? ctx.prisma : ctx.anonymousSearcher();
  const running = ctx.searchBulkhead.run(() => readRows<HitRow>(client, searchSql(criteria)), { heavy, signal: ctx.signal });
  const busy = () => new AppError('SERVICE_UNAVAILABLE', ctx.translator.t(locale, 'errors:searchBusy'), { retryAfter: 1 });
  if (!running) throw busy();
  // Nobody reads the answer of a caller gone away; it is still an answer, not an internal error.
  return running.catch((err: unknown) => {
    throw err instanceof SearchAbandoned ? busy() : err;
  });
}

async function countPastEnd(ctx: Context, locale: LocaleCode, criteria: SearchCriteria, distinctTerms: number): Promise<number> {
  const count = { ...criteria, take: 1, offset: 0, snippets: false };
  const [first] = await runSearch(ctx, locale, count, isHeavySearch(1, false, distinctTerms));
  return first?.total ?? 0;
}
