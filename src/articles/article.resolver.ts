import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { articleWants, asksNextPage, pageWants } from './page-lookahead.js';
import { Locale, TranslationState } from '../common/enums.js';
import { PageArgs } from '../common/connection.js';
import { databaseId } from '../common/node.js';
import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import type { WholeArticleRow } from '../db/rows.js';
import { Entity, Mention } from '../entities/entity.type.js';
import { toEntity } from '../entities/entity.view.js';
import { Quote } from '../quotes/quote.type.js';
import { toQuote } from '../quotes/quote.view.js';
import { ArticleFilter } from './article.input.js';
import { Article, ArticleConnection, ArticleTranslation, Paragraph } from './article.type.js';
import { bodyOf, toArticleTranslation } from './article.view.js';
import { findArticle, listArticles } from './article.service.js';
import { dateLabel, translationState } from './article.fields.js';
import { listCost, pageCost } from '../server/query-cost.js';
import { COST_ESTIMATES } from '../server/limits.js';

/** The article with every language version: a localized row holds only the one served. */
async function wholeArticle(article: Article, ctx: Context): Promise<WholeArticleRow> {
  if (!article.row.localized) return article.row;
  const row = await ctx.loaders.article.load(article.row.id);
  // Shown a moment ago, so there unless unpublished mid-request.
  if (!row) throw ctx.errors(article.requested).of('NOT_FOUND');
  return row;
}

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, {
    nullable: true,
    description: 'One published article, by `id` or by `slug` (give exactly one). Null when there is none.',
  })
  async article(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { nullable: true, description: 'Global id.' }) id?: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'Slug, the same in every language.' }) slug?: string | null,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from Accept-Language.' }) locale?: LocaleCode | null,
  ): Promise<Article | null> {
    const served = locale ?? ctx.locale;
    if ((id == null) === (slug == null)) throw ctx.errors(served).badInput('articleLookup', { argument: id == null ? 'id' : 'slug' });
    if (id != null) {
      const ref = databaseId(id, 'Article');
      return ref ? findArticle(ctx, served, { id: ref.id }, articleWants(info)) : null;
    }
    return findArticle(ctx, served, { slug: slug! }, articleWants(info));
  }

  @Query(() => ArticleConnection, { complexity: pageCost, description: 'Published articles, newest first.' })
  articles(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from Accept-Language.' }) locale?: LocaleCode | null,
    @Arg('filter', () => ArticleFilter, { nullable: true, description: 'Conditions on the articles.' }) filter?: ArticleFilter | null,
  ) {
    return listArticles(ctx, locale ?? ctx.locale, page, filter, pageWants(info), asksNextPage(info));
  }

  @FieldResolver(() => String, {
    description: 'Publication date as readers see it, in the requested language and only as precise as known ("avril 2024" / "April 2024").',
  })
  dateLabel(@Root() article: Article, @Ctx() ctx: Context): string {
    return dateLabel(ctx.translator, article.requested, article.publishedAt, article.datePrecision);
  }

  @FieldResolver(() => [Paragraph], { description: 'Body paragraphs after the lede, in order; intertitles are HEADING paragraphs.' })
  body(@Root() article: Article, @Ctx() ctx: Context): Promise<Paragraph[]> {
    return bodyOf(article.text, ctx.loaders);
  }

  @FieldResolver(() => Entity, { nullable: true, description: 'Place the dispatch was filed from, when the text gives it.' })
  async dateline(@Root() article: Article, @Ctx() ctx: Context): Promise<Entity | null> {
    if (article.row.datelineId == null) return null;
    const row = article.row.dateline !== undefined ? article.row.dateline : await ctx.loaders.entity.load(article.row.datelineId);
    return row && toEntity(row, article.requested, ctx.localizer);
  }

  @FieldResolver(() => [Quote], { complexity: listCost(COST_ESTIMATES.QUOTES_PER_ARTICLE), description: 'Quotes carried by the article, in text order.' })
  async quotes(@Root() article: Article, @Ctx() ctx: Context): Promise<Quote[]> {
    const rows = article.row.quotes ?? (await ctx.loaders.quotesOfArticle.load(article.row.id));
    return rows.map((r) => toQuote(r, article.requested, ctx.localizer));
  }

  @FieldResolver(() => [Mention], {
    complexity: listCost(COST_ESTIMATES.MENTIONS_PER_ARTICLE),
    description: 'Entities the article names, most mentioned first.',
  })
  async mentions(@Root() article: Article, @Ctx() ctx: Context): Promise<Mention[]> {
    const rows = article.row.mentions ?? (await ctx.loaders.mentionsOfArticle.load(article.row.id));
    return rows.map((m) => ({ count: m.count, entity: toEntity(m.entity, article.requested, ctx.localizer) }));
  }

  @FieldResolver(() => [ArticleTranslation], {
    complexity: listCost(COST_ESTIMATES.TRANSLATIONS),
    description: 'Every language version as stored, source first.',
  })
  async translations(@Root() article: Article, @Ctx() ctx: Context): Promise<ArticleTranslation[]> {
    const row = await wholeArticle(article, ctx);
    const source = row.sourceLocale;
    return [...row.translations].sort((a, b) => Number(b.locale === source) - Number(a.locale === source)).map((t) => toArticleTranslation(t, row));
  }

  @FieldResolver(() => TranslationState, { description: 'Whether the text in `locale` is the current source, an outdated translation, or missing.' })
  async translationState(
    @Root() article: Article,
    @Ctx() ctx: Context,
    @Arg('locale', () => Locale, { description: 'Language to check.' }) locale: LocaleCode,
  ): Promise<TranslationState> {
    return translationState(await wholeArticle(article, ctx), locale);
  }
}

@Resolver(() => ArticleTranslation)
export class ArticleTranslationResolver {
  @FieldResolver(() => [Paragraph], { description: 'Body paragraphs in this language.' })
  body(@Root() translation: ArticleTranslation, @Ctx() ctx: Context): Promise<Paragraph[]> {
    return bodyOf(translation.text, ctx.loaders);
  }
}
