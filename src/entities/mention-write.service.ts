import type { LocaleCode } from '../config.js';
import { requireId } from '../common/id-arg.js';
import { AppError } from '../server/errors.js';
import type { Context } from '../server/context.js';
import type { Article } from '../articles/article.type.js';
import { reloadArticle } from '../articles/article-write.service.js';
import { saveVersioned } from '../editorial/versioned.js';
import type { LinkMentionArgs, UnlinkMentionArgs } from './mention-write.input.js';
import { liveEntityId } from './entity-write.service.js';
import { watchArticle } from '../events/article-events.js';
import { withEvents } from '../events/outbox.js';

/** Database ids of the article and of the live entity a mutation names (BAD_USER_INPUT for malformed ids). */
function refs(ctx: Context, locale: LocaleCode, args: UnlinkMentionArgs) {
  const errors = ctx.errors(locale);
  return { articleId: requireId(args.article, 'Article', 'article', errors), entityRef: requireId(args.entity, 'Entity', 'entity', errors) };
}

/** Records that the article names the entity `count` times (adding the mention or setting its count). */
export async function linkMention(ctx: Context, args: LinkMentionArgs): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const { articleId, entityRef } = refs(ctx, locale, args);
  await withEvents(ctx, async (tx) => {
    await saveVersioned(tx, ctx, locale, 'article', { id: articleId, expectedVersion: args.expectedVersion });
    const article = await watchArticle(tx, articleId);
    const entityId = await liveEntityId(tx, ctx, locale, entityRef, 'entity');
    await tx.mention.upsert({
      where: { articleId_entityId: { articleId, entityId } },
      create: { articleId, entityId, count: args.count },
      update: { count: args.count },
    });
    await article.record('all');
  });
  return reloadArticle(ctx, articleId, locale);
}

/** Removes the mention; NOT_FOUND when the article does not name the entity (nothing changes). */
export async function unlinkMention(ctx: Context, args: UnlinkMentionArgs): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const { articleId, entityRef } = refs(ctx, locale, args);
  await withEvents(ctx, async (tx) => {
    await saveVersioned(tx, ctx, locale, 'article', { id: articleId, expectedVersion: args.expectedVersion });
    const article = await watchArticle(tx, articleId);
    const entityId = await liveEntityId(tx, ctx, locale, entityRef, 'entity');
    const { count } = await tx.mention.deleteMany({ where: { articleId, entityId } });
    // Throwing rolls the version bump back: a no-op must not make other editors' versions stale.
    if (count === 0) throw new AppError('NOT_FOUND', ctx.translator.t(locale, 'errors:notMentioned', { argument: 'entity' }), { argument: 'entity' });
    await article.record('all');
  });
  return reloadArticle(ctx, articleId, locale);
}
