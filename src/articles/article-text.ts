import type { Prisma as P, TranslationOrigin, TranslationStatus } from '@prisma/client';
import type { ArticleRow, ArticleTextRow } from '../db/rows.js';
import { recordRevision } from '../editorial/revision.js';
import type { Config } from '../config.js';
import type { Context } from '../server/context.js';
import type { Paragraph } from './article.type.js';

/** The text of an article in one language: what edits replace and revisions keep. */
export interface ArticleText {
  title: string;
  lede: string | null;
  body: Paragraph[];
}

/**
 * What a revision stores: the text, and for a translation how it was made and from which source
 * version, so that restoring an old translation also restores whether it is up to date.
 */
export interface RevisionData extends ArticleText {
  origin: TranslationOrigin;
  sourceVersion: number;
}

/** Plain JSON paragraphs (inputs arrive as class instances). */
export const toParagraphs = (body: readonly { kind: Paragraph['kind']; text: string }[]): Paragraph[] => body.map(({ kind, text }) => ({ kind, text }));

/** The source-language text; every article is created with one and texts are never deleted. */
export function sourceTextOf(row: ArticleRow): ArticleTextRow {
  const source = row.translations.find((t) => t.locale === row.sourceLocale);
  if (!source) throw new Error(`article ${row.id} has no ${row.sourceLocale} text`);
  return source;
}

/**
 * Replaces (part of) one language's text: keeps the old text as a revision by the viewer, then
 * bumps that text's version, which makes translations of a source text OUTDATED. Callers hold
 * the article's row lock (saveVersioned ran first in the same transaction), so `current`
 * is what is stored; the version in the where still refuses to overwrite anything else.
 */
export async function replaceText(
  tx: P.TransactionClient,
  ctx: Context,
  current: ArticleTextRow,
  next: Partial<ArticleText> & {
    origin?: TranslationOrigin;
    sourceVersion?: number;
    status?: TranslationStatus;
    reviewedBy?: string | null;
    reviewedAt?: Date | null;
  },
): Promise<void> {
  const old: RevisionData = {
    title: current.title,
    lede: current.lede,
    body: current.body as unknown as Paragraph[],
    origin: current.origin,
    sourceVersion: current.sourceVersion,
  };
  await recordRevision(tx, {
    subject: 'ARTICLE',
    subjectId: current.articleId,
    locale: current.locale,
    version: current.version,
    data: { ...old },
    authorId: ctx.viewer!.tokenId,
  });
  const { body, ...rest } = next;
  const { count } = await tx.articleTranslation.updateMany({
    where: { id: current.id, version: current.version },
    data: { ...rest, ...(body && { body: body as unknown as P.InputJsonValue }), version: { increment: 1 } },
  });
  if (count !== 1) throw new Error(`text ${current.id} changed outside its article's lock`);
}

/**
 * What replacing a translation's text does to its publication: a review was of the old text, so
 * it is forgotten; a MACHINE text goes back to DRAFT (it needs a review of its own, unless
 * MACHINE_TRANSLATIONS=publish); a human edit keeps the status, as an edit of the source does.
 */
export function statusAfterEdit(
  config: Pick<Config, 'machineTranslations'>,
  origin: TranslationOrigin,
): { status?: 'DRAFT'; reviewedBy: null; reviewedAt: null } {
  const draft = origin === 'MACHINE' && config.machineTranslations !== 'publish';
  return { ...(draft && { status: 'DRAFT' as const }), reviewedBy: null, reviewedAt: null };
}
