import type { ArticleStatus, Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { requireId } from '../common/id-arg.js';
import { conflict, notFound } from '../editorial/errors.js';
import type { Context } from '../server/context.js';
import { withTranslations } from '../db/rows.js';
import type { ArticleVersionArgs } from './article-write.input.js';
import type { Article } from './article.type.js';
import { toArticle } from './article.view.js';

/**
 * Changes an article only if it is still at `expectedVersion`, bumping the version in the same
 * statement: two editors saving at once cannot both win (no read-then-write).
 */
export async function updateArticleAtomically(
  tx: Pick<P.TransactionClient, 'article'>,
  ctx: Context,
  locale: LocaleCode | null | undefined,
  id: number,
  expectedVersion: number,
  data: Omit<P.ArticleUpdateManyMutationInput, 'version'>,
): Promise<void> {
  const { count } = await tx.article.updateMany({ where: { id, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
  if (count === 1) return;
  const current = await tx.article.findUnique({ where: { id }, select: { version: true } });
  if (!current) throw notFound(ctx, locale, 'id');
  throw conflict(ctx, locale, 'article', expectedVersion, current.version);
}

/** The article as it is now, for a mutation's answer (editors see every status). */
export async function reloadArticle(ctx: Context, id: number, locale: LocaleCode): Promise<Article> {
  const row = await ctx.prisma.article.findUniqueOrThrow({ where: { id }, include: withTranslations });
  return toArticle(row, locale, ctx.localizer);
}

/** Publishing stamps the publication date when the article has none (precision: the minute). */
export async function setStatus(ctx: Context, args: ArticleVersionArgs, status: ArticleStatus): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const id = requireId(args.id, 'Article', 'id', ctx.errors(locale));
  await ctx.prisma.$transaction(async (tx) => {
    // Date first: a published article must have one (CHECK constraint). A stale version below rolls it back.
    if (status === 'PUBLISHED') await tx.article.updateMany({ where: { id, publishedAt: null }, data: { publishedAt: new Date(), datePrecision: 'TIME' } });
    await updateArticleAtomically(tx, ctx, locale, id, args.expectedVersion, { status });
  });
  return reloadArticle(ctx, id, locale);
}
