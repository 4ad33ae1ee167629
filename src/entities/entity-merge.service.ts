import { withTranslations } from '../db/rows.js';
import { requireId } from '../common/id-arg.js';
import { saveVersioned } from '../editorial/versioned.js';
import type { Context } from '../server/context.js';
import type { MergeEntitiesArgs } from './entity-write.input.js';
import type { Entity } from './entity.type.js';
import { cleanAliases, reloadEntity, replaceEntityText } from './entity-write.service.js';

interface Side {
  id: number;
  version: number;
  /** The argument naming it, for errors. */
  argument: 'keep' | 'duplicate';
}

/**
 * Merges a duplicate into the entity kept, in one transaction: mentions (counts summed where both
 * were named in the same article), quotes and datelines move; the duplicate's names become
 * aliases of the kept entity (old aliases kept as revisions); the duplicate's id then resolves to
 * the kept entity. Any failure leaves everything as it was.
 */
export async function mergeEntities(ctx: Context, args: MergeEntitiesArgs): Promise<Entity> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const keep: Side = { id: requireId(args.keep, 'Entity', 'keep', errors), version: args.keepVersion, argument: 'keep' };
  const dup: Side = { id: requireId(args.duplicate, 'Entity', 'duplicate', errors), version: args.duplicateVersion, argument: 'duplicate' };
  if (keep.id === dup.id) throw errors.badInput('mergeSelf', { argument: 'duplicate' });

  await ctx.prisma.$transaction(async (tx) => {
    // Lock in id order: two merges of the same pair in opposite directions cannot deadlock.
    // Both sides locked in id order (no deadlock between two merges of the same pair), neither merged already.
    for (const side of [keep, dup].sort((a, b) => a.id - b.id)) {
      await saveVersioned(tx, ctx, locale, 'entity', {
        id: side.id,
        expectedVersion: side.version,
        argument: side.argument,
        subject: side.argument,
        unmerged: true,
      });
    }

    // Articles first: adding a quote or a mention locks its article before quote and mention
    // rows, and taking locks in the same order keeps concurrent writers from deadlocking.
    await tx.article.updateMany({ where: { datelineId: dup.id }, data: { datelineId: keep.id } });
    await tx.$executeRaw`
      UPDATE "Mention" k SET count = k.count + d.count
      FROM "Mention" d
      WHERE k."entityId" = ${keep.id} AND d."entityId" = ${dup.id} AND d."articleId" = k."articleId"`;
    await tx.mention.deleteMany({ where: { entityId: dup.id, article: { mentions: { some: { entityId: keep.id } } } } });
    await tx.mention.updateMany({ where: { entityId: dup.id }, data: { entityId: keep.id } });
    await tx.quote.updateMany({ where: { speakerId: dup.id }, data: { speakerId: keep.id } });

    const rows = await tx.entity.findMany({ where: { id: { in: [keep.id, dup.id] } }, include: withTranslations });
    const kept = rows.find((r) => r.id === keep.id)!;
    const gone = rows.find((r) => r.id === dup.id)!;
    for (const d of gone.translations) {
      const k = kept.translations.find((t) => t.locale === d.locale);
      if (!k) {
        // The kept entity had no text in this language: the duplicate's becomes its own.
        const original = d.origin === 'ORIGINAL' && kept.translations.some((t) => t.origin === 'ORIGINAL');
        await tx.entityTranslation.create({
          data: { entityId: keep.id, locale: d.locale, name: d.name, description: d.description, aliases: d.aliases, origin: original ? 'HUMAN' : d.origin },
        });
        continue;
      }
      const aliases = cleanAliases(k.name, [...k.aliases, d.name, ...d.aliases]);
      if (aliases.join('\n') !== k.aliases.join('\n')) await replaceEntityText(tx, ctx, k, { aliases });
    }

    // Flatten: whatever was merged into the duplicate now points at the kept entity directly,
    // so resolving a merged id is always one hop.
    await tx.entity.updateMany({ where: { mergedIntoId: dup.id }, data: { mergedIntoId: keep.id } });
    // The Wikidata id is unique: the duplicate gives it up, and the kept entity takes it if it had none.
    await tx.entity.update({ where: { id: dup.id }, data: { mergedIntoId: keep.id, wikidataId: null } });
    if (gone.wikidataId && !kept.wikidataId) await tx.entity.update({ where: { id: keep.id }, data: { wikidataId: gone.wikidataId } });
  });
  return reloadEntity(ctx, keep.id, locale);
}
