import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { withTranslations, type QuoteRow } from '../db/rows.js';
import { globalId } from '../common/node.js';
import { requireId } from '../common/id-arg.js';
import { notFound } from '../editorial/errors.js';
import { recordRevision } from '../editorial/revision.js';
import type { Context } from '../server/context.js';
import { saveVersioned } from '../editorial/versioned.js';
import { liveEntityId, orNull } from '../entities/entity-write.service.js';
import type { AddQuoteArgs, RemoveQuoteArgs, UpdateQuoteArgs, UpsertQuoteTranslationArgs } from './quote-write.input.js';
import type { Quote } from './quote.type.js';
import { toQuote } from './quote.view.js';
import { watchArticle } from '../events/article-events.js';
import { withEvents } from '../events/outbox.js';

type Tx = P.TransactionClient;
type QuoteTextRow = QuoteRow['translations'][number];

/** The quote as it is now, for a mutation's answer. */
async function reloadQuote(ctx: Context, id: number, locale: LocaleCode): Promise<Quote> {
  // Loaders of this request may hold what this mutation just changed.
  for (const loader of Object.values(ctx.loaders)) loader.clearAll();
  return toQuote(await ctx.prisma.quote.findUniqueOrThrow({ where: { id }, include: withTranslations }), locale, ctx.localizer);
}

/** What a revision keeps of a quote's text in one language: enough to put it back as it was. */
const quoteTextOf = (t: QuoteTextRow) => ({ text: t.text, attribution: t.attribution, origin: t.origin, sourceVersion: t.sourceVersion });

const keepRevision = (tx: Tx, ctx: Context, t: QuoteTextRow, extra: Record<string, unknown> = {}) =>
  recordRevision(tx, {
    subject: 'QUOTE',
    subjectId: t.quoteId,
    locale: t.locale,
    version: t.version,
    data: { ...quoteTextOf(t), ...extra },
    authorId: ctx.viewer!.tokenId,
  });

/**
 * Keeps the text of `current` as a revision by the viewer, then replaces it, bumping its version:
 * translations of an edited original become OUTDATED. Callers hold the quote's row lock.
 */
async function replaceQuoteText(tx: Tx, ctx: Context, current: QuoteTextRow, next: P.QuoteTranslationUpdateManyMutationInput): Promise<void> {
  await keepRevision(tx, ctx, current);
  const { count } = await tx.quoteTranslation.updateMany({ where: { id: current.id, version: current.version }, data: { ...next, version: { increment: 1 } } });
  if (count !== 1) throw new Error(`quote text ${current.id} changed outside its quote's lock`);
}

/** A quote added to an article (draft or not), at `position` among its quotes or last. */
export async function addQuote(ctx: Context, args: AddQuoteArgs): Promise<Quote> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const { input } = args;
  const articleId = requireId(args.article, 'Article', 'article', errors);
  const speakerRef = input.speaker == null ? null : requireId(input.speaker, 'Entity', 'input.speaker', errors);

  const id = await withEvents(ctx, async (tx) => {
    // First: checks the article's version and locks it, so two additions cannot take one position.
    await saveVersioned(tx, ctx, locale, 'article', { id: articleId, expectedVersion: args.expectedVersion });
    const article = await watchArticle(tx, articleId);
    const speakerId = speakerRef === null ? null : await liveEntityId(tx, ctx, locale, speakerRef, 'input.speaker');
    // Stored positions may have gaps (removed quotes): `position` counts quotes, not stored values.
    const order = await tx.quote.findMany({ where: { articleId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { position: true } });
    const before = input.position == null ? undefined : order[input.position];
    const position = before?.position ?? (order.at(-1)?.position ?? -1) + 1;
    if (before) await tx.quote.updateMany({ where: { articleId, position: { gte: position } }, data: { position: { increment: 1 } } });
    const created = await tx.quote.create({
      data: {
        articleId,
        speakerId,
        originalLocale: input.locale,
        position,
        translations: { create: { locale: input.locale, text: input.text, attribution: orNull(input.attribution), origin: 'ORIGINAL' } },
      },
      select: { id: true },
    });
    await article.record('all');
    return created.id;
  });
  return reloadQuote(ctx, id, locale);
}

/** Speaker and/or original-language text; the text replaced is kept as a revision. */
export async function updateQuote(ctx: Context, args: UpdateQuoteArgs): Promise<Quote> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const { input } = args;
  const id = requireId(args.id, 'Quote', 'id', errors);
  if (input.speaker != null && input.clearSpeaker) throw errors.badInput('speakerAndClearSpeaker', { argument: 'input.clearSpeaker' });
  const speakerRef = input.speaker == null ? null : requireId(input.speaker, 'Entity', 'input.speaker', errors);
  const text = {
    ...(input.text != null && { text: input.text }),
    ...(input.attribution !== undefined && { attribution: orNull(input.attribution) }),
  };
  const hasText = Object.keys(text).length > 0;
  if (!hasText && speakerRef === null && !input.clearSpeaker) throw errors.badInput('emptyUpdate', { argument: 'input' });

  await withEvents(ctx, async (tx) => {
    const speakerId = speakerRef !== null ? await liveEntityId(tx, ctx, locale, speakerRef, 'input.speaker') : input.clearSpeaker ? null : undefined;
    await saveVersioned(tx, ctx, locale, 'quote', { id, expectedVersion: args.expectedVersion }, speakerId === undefined ? {} : { speakerId });
    const row = await tx.quote.findUniqueOrThrow({ where: { id }, include: withTranslations });
    // No lock on the article: removeQuote locks the article then the quote, the opposite order
    // would deadlock. A status change committing meanwhile records its own events.
    const article = await watchArticle(tx, row.articleId);
    if (hasText) {
      const original = row.translations.find((t) => t.locale === row.originalLocale);
      if (!original) throw new Error(`quote ${id} has no ${row.originalLocale} text`);
      await replaceQuoteText(tx, ctx, original, text);
    }
    // The original text is what languages without a translation of the quote show: every version.
    await article.record('all');
  });
  return reloadQuote(ctx, id, locale);
}

/** Removes a quote, keeping its text in every language as revisions first. Answers its id. */
export async function removeQuote(ctx: Context, args: RemoveQuoteArgs): Promise<string> {
  const locale = args.locale ?? ctx.locale;
  const id = requireId(args.id, 'Quote', 'id', ctx.errors(locale));
  await withEvents(ctx, async (tx) => {
    const found = await tx.quote.findUnique({ where: { id }, select: { articleId: true } });
    if (!found) throw notFound(ctx, locale, 'id');
    // The article's list of quotes changes, so its version too. Its lock comes first, as when
    // adding a quote: two transactions never wait for each other's locks in opposite orders.
    await tx.article.update({ where: { id: found.articleId }, data: { version: { increment: 1 } } });
    const article = await watchArticle(tx, found.articleId);
    await saveVersioned(tx, ctx, locale, 'quote', { id, expectedVersion: args.expectedVersion });
    const row = await tx.quote.findUniqueOrThrow({ where: { id }, include: withTranslations });
    // Where the quote stood, so that it could be put back.
    const placement = { articleId: row.articleId, position: row.position, speakerId: row.speakerId, originalLocale: row.originalLocale, removed: true };
    for (const t of row.translations) await keepRevision(tx, ctx, t, placement);
    await tx.quote.delete({ where: { id } });
    await article.record('all');
  });
  return globalId('Quote', id);
}

/** Adds or replaces the quote in a language other than its original one, noting which original version it translates. */
export async function upsertQuoteTranslation(ctx: Context, args: UpsertQuoteTranslationArgs): Promise<Quote> {
  const { locale, input } = args;
  const errors = ctx.errors();
  const id = requireId(args.id, 'Quote', 'id', errors);
  const text = { text: input.text, attribution: orNull(input.attribution), origin: input.origin };

  await withEvents(ctx, async (tx) => {
    await saveVersioned(tx, ctx, null, 'quote', { id, expectedVersion: args.expectedVersion });
    const row = await tx.quote.findUniqueOrThrow({ where: { id }, include: withTranslations });
    const article = await watchArticle(tx, row.articleId);
    if (row.originalLocale === locale) throw errors.badInput('translationOfOriginalQuote', { argument: 'locale' });
    const sourceVersion = row.translations.find((t) => t.locale === row.originalLocale)?.version ?? 1;
    const existing = row.translations.find((t) => t.locale === locale);
    if (existing) await replaceQuoteText(tx, ctx, existing, { ...text, sourceVersion });
    else await tx.quoteTranslation.create({ data: { quoteId: id, locale, ...text, sourceVersion } });
    await article.record([locale]);
  });
  return reloadQuote(ctx, id, locale);
}
