import type { Db } from '../db/database.js';
import type { SeedDispatch, SeedEntity } from './seed.types.js';
import { nigerUsTroops } from './data/afp-2024-04-niger-us-troops.js';

const SEED_DISPATCHES: SeedDispatch[] = [nigerUsTroops];

/** "2024-04" (MONTH) → 2024-04-01T00:00:00Z: the first instant of the period the source gives. */
export const seedDate = (published: string): Date => new Date(`${published}${'-01'.repeat((10 - published.length) / 3)}T00:00:00Z`);

export interface SeedResult {
  entitiesCreated: number;
  articlesCreated: number;
}

/**
 * Creates what is missing, never overwrites: entities by `key`, articles by `slug`. Running it
 * again (or after editors changed the seed article) changes nothing. One transaction per dispatch.
 */
export async function seedDatabase(prisma: Db, dispatches: SeedDispatch[] = SEED_DISPATCHES): Promise<SeedResult> {
  const result: SeedResult = { entitiesCreated: 0, articlesCreated: 0 };
  for (const dispatch of dispatches) {
    await prisma.$transaction(
      async (tx) => {
        const existing = await tx.entity.findMany({ where: { key: { in: dispatch.entities.map((e) => e.key) } }, select: { id: true, key: true } });
        const ids = new Map(existing.map((e) => [e.key, e.id]));
        for (const entity of dispatch.entities.filter((e) => !ids.has(e.key))) {
          const created = await tx.entity.create({ data: entityData(entity), select: { id: true } });
          ids.set(entity.key, created.id);
          result.entitiesCreated++;
        }

        const { article } = dispatch;
        if (await tx.article.findUnique({ where: { slug: article.slug }, select: { id: true } })) return;
        const idOf = (key: string) => {
          const id = ids.get(key);
          if (id === undefined) throw new Error(`seed ${article.slug}: unknown entity key "${key}"`);
          return id;
        };
        const created = await tx.article.create({
          data: {
            slug: article.slug,
            sourceLocale: article.sourceLocale,
            status: 'PUBLISHED',
            publishedAt: seedDate(article.published),
            datePrecision: article.datePrecision,
            agency: article.agency,
            datelineId: article.dateline ? idOf(article.dateline) : null,
            translations: {
              create: (['FR', 'EN'] as const).map((locale) => ({
                locale,
                title: article[locale === 'FR' ? 'fr' : 'en'].title,
                lede: article[locale === 'FR' ? 'fr' : 'en'].lede,
                body: article[locale === 'FR' ? 'fr' : 'en'].body.map((p) => ({ kind: p.kind, text: p.text })),
                origin: locale === article.sourceLocale ? 'ORIGINAL' : 'HUMAN',
                // The seed is what an editor left: its translation reviewed and published.
                status: 'PUBLISHED',
              })),
            },
            mentions: { create: article.mentions.map((m) => ({ entityId: idOf(m.entity), count: m.count })) },
          },
          select: { id: true },
        });
        for (const [position, quote] of article.quotes.entries()) {
          await tx.quote.create({
            data: {
              articleId: created.id,
              position,
              originalLocale: article.sourceLocale,
              speakerId: quote.speaker ? idOf(quote.speaker) : null,
              translations: {
                create: [
                  { locale: 'FR', text: quote.fr, attribution: quote.attribution.fr, origin: article.sourceLocale === 'FR' ? 'ORIGINAL' : 'HUMAN' },
                  { locale: 'EN', text: quote.en, attribution: quote.attribution.en, origin: article.sourceLocale === 'EN' ? 'ORIGINAL' : 'HUMAN' },
                ],
              },
            },
          });
        }
        result.articlesCreated++;
      },
      { timeout: 60_000 },
    );
  }
  return result;
}

function entityData(entity: SeedEntity) {
  return {
    key: entity.key,
    type: entity.type,
    wikidataId: entity.wikidataId,
    translations: {
      create: [
        { locale: 'FR' as const, ...entity.fr, origin: 'ORIGINAL' as const },
        { locale: 'EN' as const, ...entity.en, origin: 'HUMAN' as const },
      ],
    },
  };
}
