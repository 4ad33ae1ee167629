import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { Locale } from '../common/enums.js';
import { databaseId } from '../common/node.js';
import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import { Article } from '../articles/article.type.js';
import { servedVersion } from './language-versions.js';
import { toNinjs } from './ninjs.js';
import { toJsonLd } from './json-ld.js';

type Convert = typeof toNinjs;

async function convert(ctx: Context, article: Article, locale: LocaleCode | null | undefined, to: Convert) {
  const record = await ctx.loaders.articleRecord.load(databaseId(article.id, 'Article')!.id);
  const served = record && servedVersion(ctx, record, locale ?? article.requested);
  // The parent was just read, so only a concurrent hard delete (never done) could get here.
  if (!record || !served) throw new Error(`article ${article.id} vanished while being converted`);
  return to(record, served, { readers: ctx.visibility.readers });
}

const LOCALE = { nullable: true, description: 'Language version to give (fallback as for every field); default: the one served.' } as const;

@Resolver(() => Article)
export class ArticleFormatsResolver {
  @FieldResolver(() => JSONResolver, {
    complexity: 2,
    description:
      'This language version as an IPTC ninjs 3.1 item, for syndication: the same `uri` in every language, the other versions in `associations`. See docs/news-formats.md.',
  })
  ninjs(@Root() article: Article, @Ctx() ctx: Context, @Arg('locale', () => Locale, LOCALE) locale?: LocaleCode | null) {
    return convert(ctx, article, locale, toNinjs);
  }

  @FieldResolver(() => JSONResolver, {
    complexity: 2,
    description: 'This language version as a schema.org NewsArticle (JSON-LD), linked to its translations. See docs/news-formats.md.',
  })
  jsonLd(@Root() article: Article, @Ctx() ctx: Context, @Arg('locale', () => Locale, LOCALE) locale?: LocaleCode | null) {
    return convert(ctx, article, locale, toJsonLd);
  }
}
