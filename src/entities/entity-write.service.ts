import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { withTranslations, type EntityRow } from '../db/rows.js';
import { globalId } from '../common/node.js';
import { requireId } from '../common/id-arg.js';
import { notFound } from '../editorial/errors.js';
import { saveVersioned } from '../editorial/versioned.js';
import { recordRevision } from '../editorial/revision.js';
import { freeKeys } from '../editorial/slug.js';
import { AppError } from '../server/errors.js';
import type { Context } from '../server/context.js';
import { violatesUnique } from '../db/unique-violation.js';
import type { CreateEntityArgs, UpdateEntityArgs, UpsertEntityTranslationArgs } from './entity-write.input.js';
import type { Entity } from './entity.type.js';
import { toEntity } from './entity.view.js';

type Tx = P.TransactionClient;
type EntityTextRow = EntityRow['translations'][number];

/** Empty optional text is no text: stored as null, as when omitted. */
export const orNull = (text: string | null | undefined) => (text == null || text.trim() === '' ? null : text.trim());

/** How two names compare: "Poutine" and " poutine" are the same alias. */
const fold = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase();

/** Aliases trimmed, each once, none equal to the name (which already finds the entity). */
export function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([fold(name)]);
  const kept: string[] = [];
  for (const alias of aliases.map((a) => a.trim())) {
    if (seen.has(fold(alias))) continue;
    seen.add(fold(alias));
    kept.push(alias);
  }
  return kept;
}

/**
 * The live entity an id names: itself, or the entity it was merged into (merges are flattened,
 * so one hop is enough). NOT_FOUND naming `argument` when there is none.
 */
export async function liveEntityId(tx: Pick<Tx, 'entity'>, ctx: Context, locale: LocaleCode | null | undefined, id: number, argument: string): Promise<number> {
  const row = await tx.entity.findUnique({ where: { id }, select: { mergedIntoId: true } });
  if (!row) throw notFound(ctx, locale, argument);
  return row.mergedIntoId ?? id;
}

/** The entity as it is now, for a mutation's answer. */
export async function reloadEntity(ctx: Context, id: number, locale: LocaleCode): Promise<Entity> {
  // Loaders of this request may hold the entity as it was before this mutation.
  for (const loader of Object.values(ctx.loaders)) loader.clearAll();
  return toEntity(await ctx.prisma.entity.findUniqueOrThrow({ where: { id }, include: withTranslations }), locale, ctx.localizer);
}

/** The text a revision keeps: enough to put the translation back as it was. */
const entityTextOf = (t: EntityTextRow) => ({ name: t.name, description: t.description, aliases: t.aliases, origin: t.origin });

/** Keeps the text of `current` as a revision by the viewer, then replaces it (bumping its version). */
export async function replaceEntityText(tx: Tx, ctx: Context, current: EntityTextRow, next: P.EntityTranslationUpdateManyMutationInput): Promise<void> {
  await recordRevision(tx, {
    subject: 'ENTITY',
    subjectId: current.entityId,
    locale: current.locale,
    version: current.version,
    data: entityTextOf(current),
    authorId: ctx.viewer!.tokenId,
  });
  const { count } = await tx.entityTranslation.updateMany({
    where: { id: current.id, version: current.version },
    data: { ...next, version: { increment: 1 } },
  });
  // Callers hold the entity's row lock, so nobody else can have changed its text.
  if (count !== 1) throw new Error(`entity text ${current.id} changed outside its entity's lock`);
}

/**
 * Two entities with one Wikidata id would be the same thing twice. BAD_USER_INPUT rather than
 * CONFLICT: CONFLICT means "reload and save again", which cannot help; the editor must give
 * another id or merge into the entity named in `extensions.existing`.
 */
async function wikidataTaken(ctx: Context, locale: LocaleCode, wikidataId: string): Promise<AppError> {
  const taken = await ctx.prisma.entity.findUnique({ where: { wikidataId }, select: { id: true, mergedIntoId: true } });
  const existing = taken ? globalId('Entity', taken.mergedIntoId ?? taken.id) : null;
  const message = ctx.translator.t(locale, 'errors:wikidataIdTaken', { argument: 'input.wikidataId', wikidataId });
  return new AppError('BAD_USER_INPUT', message, { argument: 'input.wikidataId', existing });
}

/** Runs a write; a unique violation on the Wikidata id becomes the error above. */
async function guardWikidata<T>(ctx: Context, locale: LocaleCode, wikidataId: string | null | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (wikidataId && violatesUnique(e, 'Entity_wikidataId_key')) throw await wikidataTaken(ctx, locale, wikidataId);
    throw e;
  }
}

export async function createEntity(ctx: Context, args: CreateEntityArgs): Promise<Entity> {
  const locale = args.locale ?? ctx.locale;
  const { input } = args;
  const write = () =>
    ctx.prisma.$transaction(async (tx) => {
      const [key] = await freeKeys(tx, 'Entity.key', [input.translations[0]!.name]);
      const { id } = await tx.entity.create({
        data: {
          key: key!,
          type: input.type,
          wikidataId: input.wikidataId ?? null,
          translations: {
            // The first language given is the one the entity was named in; the other a translation.
            create: input.translations.map((t, i) => ({
              locale: t.locale,
              name: t.name.trim(),
              description: orNull(t.description),
              aliases: cleanAliases(t.name, t.aliases),
              origin: i === 0 ? ('ORIGINAL' as const) : ('HUMAN' as const),
            })),
          },
        },
        select: { id: true },
      });
      return id;
    });
  const id = await guardWikidata(ctx, locale, input.wikidataId, write);
  return reloadEntity(ctx, id, locale);
}

export async function updateEntity(ctx: Context, args: UpdateEntityArgs): Promise<Entity> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const { input } = args;
  const data = {
    ...(input.type != null && { type: input.type }),
    ...(input.wikidataId !== undefined && { wikidataId: input.wikidataId }),
  };
  if (Object.keys(data).length === 0) throw errors.badInput('emptyUpdate', { argument: 'input' });
  const id = await guardWikidata(ctx, locale, input.wikidataId, () =>
    ctx.prisma.$transaction(async (tx) => {
      const id = await liveEntityId(tx, ctx, locale, requireId(args.id, 'Entity', 'id', errors), 'id');
      await saveVersioned(tx, ctx, locale, 'entity', { id, expectedVersion: args.expectedVersion }, data);
      return id;
    }),
  );
  return reloadEntity(ctx, id, locale);
}

/** Adds or replaces the entity's text in one language; the text replaced is kept as a revision. */
export async function upsertEntityTranslation(ctx: Context, args: UpsertEntityTranslationArgs): Promise<Entity> {
  const { locale, input } = args;
  const errors = ctx.errors();
  const text = { name: input.name.trim(), description: orNull(input.description), aliases: cleanAliases(input.name, input.aliases), origin: input.origin };
  const id = await ctx.prisma.$transaction(async (tx) => {
    const id = await liveEntityId(tx, ctx, null, requireId(args.id, 'Entity', 'id', errors), 'id');
    await saveVersioned(tx, ctx, null, 'entity', { id, expectedVersion: args.expectedVersion });
    const translations = await tx.entityTranslation.findMany({ where: { entityId: id } });
    // One original language per entity: it is what the other texts fall back to.
    if (text.origin === 'ORIGINAL' && translations.some((t) => t.origin === 'ORIGINAL' && t.locale !== locale)) {
      throw errors.badInput('originalTaken', { argument: 'input.origin' });
    }
    const existing = translations.find((t) => t.locale === locale);
    if (existing) await replaceEntityText(tx, ctx, existing, text);
    else await tx.entityTranslation.create({ data: { entityId: id, locale, ...text } });
    return id;
  });
  return reloadEntity(ctx, id, locale);
}
