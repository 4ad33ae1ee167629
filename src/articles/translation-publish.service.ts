import type { ArticleTranslation as TextRow, TranslationStatus } from '@prisma/client';
import type { Config } from '../config.js';
import { requireId } from '../common/id-arg.js';
import { notFound } from '../editorial/errors.js';
import { saveVersioned } from '../editorial/versioned.js';
import { watchArticle } from '../events/article-events.js';
import { withEvents } from '../events/outbox.js';
import type { Errors } from '../server/errors.js';
import type { Context } from '../server/context.js';
import type { Article } from './article.type.js';
import { reloadArticle } from './article-write.service.js';
import type { TranslationStatusArgs } from './translation-publish.input.js';

/** What a step may change: the status, and who reviewed the text published (null: no review). */
interface StatusChange {
  status: TranslationStatus;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

export type TranslationStep = 'submit' | 'publish' | 'unpublish';

/** Whether a MACHINE text may go from DRAFT to PUBLISHED without a review (MACHINE_TRANSLATIONS=publish). */
const needsReview = (config: Pick<Config, 'machineTranslations'>, text: Pick<TextRow, 'origin' | 'status'>) =>
  text.origin === 'MACHINE' && text.status !== 'IN_REVIEW' && config.machineTranslations !== 'publish';

function change(ctx: Context, errors: Errors, step: TranslationStep, text: TextRow): StatusChange {
  // The translation named by its language, in the editor's: "the English translation", « la traduction en anglais ».
  const language = ctx.translator.t(ctx.locale, `labels:locale.${text.locale}`);
  const refuse = (key: string) => errors.badInput(key, { argument: 'locale', status: text.status, language });
  if (step === 'submit') {
    if (text.status !== 'DRAFT') throw refuse('translationNotDraft');
    return { status: 'IN_REVIEW', reviewedBy: null, reviewedAt: null };
  }
  if (step === 'publish') {
    if (text.status === 'PUBLISHED') throw refuse('translationAlreadyPublished');
    if (needsReview(ctx.config, text)) throw refuse('machineTranslationNeedsReview');
    // Publishing what was in review is the review's outcome: who and when are kept.
    const reviewed = text.status === 'IN_REVIEW';
    return { status: 'PUBLISHED', reviewedBy: reviewed ? ctx.viewer!.name : null, reviewedAt: reviewed ? new Date() : null };
  }
  // Back to DRAFT from review too: a submission withdrawn.
  if (text.status === 'DRAFT') throw refuse('translationNotPublished');
  return { status: 'DRAFT', reviewedBy: null, reviewedAt: null };
}

/**
 * Moves one translation along DRAFT → IN_REVIEW → PUBLISHED (or back to DRAFT), checked against
 * the article's version like every change of its texts: two editors acting at once cannot both
 * win. No text is replaced, so no revision is written (as for publishArticle); the status is not
 * text either, so the translation's own version (and OUTDATED) is left alone. Its events
 * (src/events/article-events.ts): translation.published / article.unpublished for readers when
 * the version becomes or stops being visible to them, translation.status for editors otherwise.
 */
export async function changeTranslationStatus(ctx: Context, args: TranslationStatusArgs, step: TranslationStep): Promise<Article> {
  // `locale` names the translation, not the editor's language: errors follow Accept-Language.
  const errors = ctx.errors();
  const id = requireId(args.id, 'Article', 'id', errors);
  await withEvents(ctx, async (tx) => {
    await saveVersioned(tx, ctx, null, 'article', { id, expectedVersion: args.expectedVersion });
    const article = await watchArticle(tx, id);
    const row = await tx.article.findUniqueOrThrow({ where: { id }, select: { sourceLocale: true, translations: { where: { locale: args.locale } } } });
    if (row.sourceLocale === args.locale) throw errors.badInput('sourceVersionFollowsArticle', { argument: 'locale' });
    const text = row.translations[0];
    if (!text) throw notFound(ctx, null, 'locale');
    await tx.articleTranslation.update({ where: { id: text.id }, data: change(ctx, errors, step, text) });
    await article.record([]);
  });
  return reloadArticle(ctx, id, args.locale);
}
