import type { ArticleStatus, Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { requireId } from '../common/id-arg.js';
import { notFound } from '../editorial/errors.js';
import { saveVersioned } from '../editorial/versioned.js';
import { freeKeys } from '../editorial/slug.js';
import type { Context } from '../server/context.js';
import type { Errors } from '../server/errors.js';
import { withTranslations } from '../db/rows.js';
import type { ArticleVersionArgs, CreateArticleArgs, ParagraphInput, UpdateArticleArgs, UpsertTranslationArgs } from './article-write.input.js';
import type { Article } from './article.type.js';
import { toArticle } from './article.view.js';
import { watchArticle } from '../events/article-events.js';
import { withEvents } from '../events/outbox.js';
import { replaceText, sourceTextOf, statusAfterEdit, toParagraphs } from './article-text.js';

type Tx = P.TransactionClient;

/** The article as it is now, for a mutation's answer (editors see every status). */
export async function reloadArticle(ctx: Context, id: number, locale: LocaleCode): Promise<Article> {
  // The request's loaders may hold what this mutation just changed (an earlier mutation of the
  // same operation read it): forget it all, so nested fields of the answer read the new state.
  for (const loader of Object.values(ctx.loaders)) loader.clearAll();
  const row = await ctx.prisma.article.findUniqueOrThrow({ where: { id }, include: withTranslations });
  return toArticle(row, locale, ctx.localizer);
}

/**
 * Publishing stamps the publication date when the article has none (precision TIME), or when its
 * date was the release instant of a schedule (scheduleArticle): publishing releases now. Every
 * status change ends a schedule: unpublishing a scheduled article cancels its release.
 */
export async function setStatus(ctx: Context, args: ArticleVersionArgs, status: ArticleStatus): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const id = requireId(args.id, 'Article', 'id', ctx.errors(locale));
  await withEvents(ctx, async (tx) => {
    // The row lock first, to read the status this change starts from (published or not: its events).
    const article = await watchArticle(tx, id, 'update');
    // Date first: a published article must have one (CHECK constraint). A stale version below rolls it back.
    // A release still ahead that dated the article: publishing now dates it now (a past one stays).
    const now = new Date();
    if (status === 'PUBLISHED')
      await tx.$executeRaw`UPDATE "Article" SET "publishedAt" = ${now}, "datePrecision" = 'TIME'
        WHERE id = ${id} AND ("publishedAt" IS NULL OR ("publishedAt" = "embargoedUntil" AND "embargoedUntil" > ${now}))`;
    await saveVersioned(tx, ctx, locale, 'article', { id, expectedVersion: args.expectedVersion }, { status, embargoedUntil: null });
    await article.record([]);
  });
  return reloadArticle(ctx, id, locale);
}

/** An entity reference from an input, with the argument to name when it does not exist. */
interface EntityRef {
  id: number;
  argument: string;
}

/**
 * Database ids of the referenced entities, merged duplicates replaced by the entity they were
 * merged into (a mention must name the survivor); NOT_FOUND naming the first unknown one.
 * The rows stay share-locked until commit: a merge of one of them waits for this write, or this
 * write waits for the merge and reads where it went, so no mention ends up on a merged entity.
 */
async function resolveEntities(tx: Tx, ctx: Context, locale: LocaleCode, refs: EntityRef[]): Promise<number[]> {
  const mergedInto = new Map<number, number | null>();
  let pending = [...new Set(refs.map((r) => r.id))];
  // Merges are flattened (one hop); a few hops guard against a chain without looping forever.
  for (let hop = 0; pending.length > 0 && hop < 5; hop++) {
    const rows = await tx.$queryRaw<{ id: number; mergedIntoId: number | null }[]>`
      SELECT id, "mergedIntoId" FROM "Entity" WHERE id = ANY(${pending}::int[]) ORDER BY id FOR SHARE`;
    for (const r of rows) mergedInto.set(r.id, r.mergedIntoId);
    pending = rows.flatMap((r) => (r.mergedIntoId !== null && !mergedInto.has(r.mergedIntoId) ? [r.mergedIntoId] : []));
  }
  const missing = refs.find((r) => !mergedInto.has(r.id));
  if (missing) throw notFound(ctx, locale, missing.argument);
  return refs.map((r) => {
    let id = r.id;
    for (let hop = 0; hop < 5 && mergedInto.get(id) != null; hop++) id = mergedInto.get(id)!;
    return id;
  });
}

/** Empty optional text is no text: stored as null, as when omitted. */
const orNull = (text: string | null | undefined) => (text == null || text.trim() === '' ? null : text);

const paragraphsJson = (body: ParagraphInput[]) => toParagraphs(body) as unknown as P.InputJsonValue;

/** A new DRAFT article with its source-language text and mentions, all or nothing. */
export async function createArticle(ctx: Context, args: CreateArticleArgs): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const { input } = args;
  const mentions = (input.mentions ?? []).map((m, i) => ({
    id: requireId(m.entity, 'Entity', `input.mentions[${i}].entity`, errors),
    argument: `input.mentions[${i}].entity`,
    count: m.count,
  }));
  if (input.publishedAt == null && input.datePrecision != null) throw errors.badInput('precisionNeedsDate', { argument: 'input.datePrecision' });
  const twice = mentions.find((m, i) => mentions.findIndex((o) => o.id === m.id) !== i);
  if (twice) throw errors.badInput('duplicateMention', { argument: twice.argument });
  const dateline = input.dateline != null ? [{ id: requireId(input.dateline, 'Entity', 'input.dateline', errors), argument: 'input.dateline' }] : [];

  const created = await ctx.prisma.$transaction(async (tx) => {
    const ids = await resolveEntities(tx, ctx, locale, [...dateline, ...mentions]);
    const datelineId = dateline.length > 0 ? ids.shift()! : null;
    // Two ids merged into the same entity become one mention counting both.
    const counts = new Map<number, number>();
    for (const [i, entityId] of ids.entries()) counts.set(entityId, (counts.get(entityId) ?? 0) + mentions[i]!.count);
    const [slug] = await freeKeys(tx, 'Article.slug', [input.title]);
    const { id } = await tx.article.create({
      data: {
        slug: slug!,
        sourceLocale: input.sourceLocale,
        agency: orNull(input.agency),
        publishedAt: input.publishedAt ?? null,
        // No date, no precision (null); a date without one is taken to the day.
        datePrecision: input.publishedAt == null ? null : (input.datePrecision ?? 'DAY'),
        datelineId,
        translations: {
          create: { locale: input.sourceLocale, title: input.title, lede: orNull(input.lede), body: paragraphsJson(input.body), origin: 'ORIGINAL' },
        },
      },
      select: { id: true },
    });
    if (counts.size > 0) await tx.mention.createMany({ data: [...counts].map(([entityId, count]) => ({ articleId: id, entityId, count })) });
    return id;
  });

  return reloadArticle(ctx, created, locale);
}

/** Article fields and/or source text; the text replaced is kept as a revision. */
export async function updateArticle(ctx: Context, args: UpdateArticleArgs): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const id = requireId(args.id, 'Article', 'id', errors);
  const { input } = args;

  const text = {
    ...(input.title != null && { title: input.title }),
    ...(input.lede !== undefined && { lede: orNull(input.lede) }),
    ...(input.body != null && { body: toParagraphs(input.body) }),
  };
  const fields: Omit<P.ArticleUncheckedUpdateManyInput, 'id' | 'version'> = {
    ...(input.agency !== undefined && { agency: orNull(input.agency) }),
  };
  // Date and precision change together, once the row is locked (CHECK: a precision only with a date).
  const changesDate = input.publishedAt !== undefined || input.datePrecision != null;
  const datelineRef = input.dateline == null ? null : requireId(input.dateline, 'Entity', 'input.dateline', errors);
  const hasText = Object.keys(text).length > 0;
  if (!hasText && Object.keys(fields).length === 0 && !changesDate && input.dateline === undefined) {
    throw errors.badInput('emptyUpdate', { argument: 'input' });
  }

  await withEvents(ctx, async (tx) => {
    if (input.dateline !== undefined) {
      const [datelineId] = datelineRef === null ? [null] : await resolveEntities(tx, ctx, locale, [{ id: datelineRef, argument: 'input.dateline' }]);
      fields.datelineId = datelineId;
    }
    // First statement: takes the row lock and checks the version; everything below runs after any
    // concurrent save has committed, and only if none did.
    await saveVersioned(tx, ctx, locale, 'article', { id, expectedVersion: args.expectedVersion }, fields);
    const article = await watchArticle(tx, id);
    // Date, agency and dateline show in every language version; the text only in its own.
    const touched = Object.keys(fields).length > 0 || changesDate ? 'all' : [];
    if (!hasText && !changesDate) return article.record(touched);
    const row = await tx.article.findUniqueOrThrow({ where: { id }, include: withTranslations });
    if (changesDate) await tx.article.update({ where: { id }, data: datedAs(row, input, errors) });
    if (hasText) await replaceText(tx, ctx, sourceTextOf(row), text);
    await article.record(hasText && touched !== 'all' ? [row.sourceLocale] : touched);
  });
  return reloadArticle(ctx, id, locale);
}

/**
 * The date and precision an update leaves (read under the row lock: the status cannot change
 * before commit): no date, no precision; a new date keeps the precision known, else DAY.
 */
function datedAs(
  row: Pick<P.ArticleGetPayload<object>, 'status' | 'publishedAt' | 'datePrecision'>,
  input: UpdateArticleArgs['input'],
  errors: Errors,
): Pick<P.ArticleUncheckedUpdateInput, 'publishedAt' | 'datePrecision'> {
  const publishedAt = input.publishedAt !== undefined ? input.publishedAt : row.publishedAt;
  if (publishedAt === null) {
    if (row.status === 'PUBLISHED') throw errors.badInput('publishedNeedsDate', { argument: 'input.publishedAt' });
    if (input.datePrecision != null) throw errors.badInput('precisionNeedsDate', { argument: 'input.datePrecision' });
    return { publishedAt: null, datePrecision: null };
  }
  return { publishedAt, datePrecision: input.datePrecision ?? row.datePrecision ?? 'DAY' };
}

/** Adds or replaces the text in a language other than the source, marking which source version it translates (see statusAfterEdit for its publication). */
export async function upsertTranslation(ctx: Context, args: UpsertTranslationArgs): Promise<Article> {
  const errors = ctx.errors();
  const id = requireId(args.id, 'Article', 'id', errors);
  const { input, locale } = args;
  const text = { title: input.title, lede: orNull(input.lede), body: toParagraphs(input.body), origin: input.origin };

  await withEvents(ctx, async (tx) => {
    await saveVersioned(tx, ctx, null, 'article', { id, expectedVersion: args.expectedVersion });
    const article = await watchArticle(tx, id);
    const row = await tx.article.findUniqueOrThrow({ where: { id }, include: withTranslations });
    if (row.sourceLocale === locale) throw errors.badInput('translationOfSource', { argument: 'locale' });
    const sourceVersion = sourceTextOf(row).version;
    const existing = row.translations.find((t) => t.locale === locale);
    if (existing) await replaceText(tx, ctx, existing, { ...text, sourceVersion, ...statusAfterEdit(ctx.config, text.origin) });
    // A new translation is a DRAFT: readers see it once an editor publishes it.
    else
      await tx.articleTranslation.create({
        data: { articleId: id, locale, ...text, body: text.body as unknown as P.InputJsonValue, sourceVersion, status: 'DRAFT' },
      });
    await article.record([locale]);
  });
  return reloadArticle(ctx, id, locale);
}
