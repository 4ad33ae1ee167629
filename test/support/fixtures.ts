import type { TestServer } from './server.js';

type Prisma = TestServer['prisma'];
type Locale = 'FR' | 'EN';

let counter = 0;
const next = () => `${Date.now().toString(36)}-${++counter}`;

/** An entity with a name per given language. */
export async function createEntity(prisma: Prisma, names: Partial<Record<Locale, string>>, type: 'PERSON' | 'PLACE' | 'ORGANIZATION' = 'PERSON') {
  return prisma.entity.create({
    data: {
      key: `fixture-${next()}`,
      type,
      translations: {
        create: (Object.entries(names) as [Locale, string][]).map(([locale, name], i) => ({ locale, name, origin: i === 0 ? 'ORIGINAL' : 'HUMAN' })),
      },
    },
  });
}

export interface ArticleFixture {
  titles: Partial<Record<Locale, string>>;
  status?: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  publishedAt?: Date | null;
  datePrecision?: 'YEAR' | 'MONTH' | 'DAY' | 'TIME';
  quotes?: { speakerId?: number; texts: Partial<Record<Locale, string>>; attributions?: Partial<Record<Locale, string>> }[];
  mentions?: { entityId: number; count: number }[];
  datelineId?: number;
}

/** An article written directly in the database, as the editorial API will later. */
export async function createArticle(prisma: Prisma, f: ArticleFixture) {
  const locales = Object.keys(f.titles) as Locale[];
  const status = f.status ?? 'PUBLISHED';
  const publishedAt = f.publishedAt === undefined ? (status === 'PUBLISHED' ? new Date('2024-05-02T10:00:00Z') : null) : f.publishedAt;
  const article = await prisma.article.create({
    data: {
      slug: `fixture-${next()}`,
      sourceLocale: locales[0]!,
      status,
      publishedAt,
      // An undated article has no precision (CHECK constraint).
      datePrecision: publishedAt ? (f.datePrecision ?? 'DAY') : null,
      datelineId: f.datelineId,
      translations: {
        create: locales.map((locale, i) => ({
          locale,
          title: f.titles[locale]!,
          lede: `${f.titles[locale]} (lede)`,
          body: [{ kind: 'TEXT', text: `${f.titles[locale]} (body)` }],
          origin: i === 0 ? 'ORIGINAL' : 'HUMAN',
          status: 'PUBLISHED',
        })),
      },
      mentions: { create: f.mentions ?? [] },
    },
  });
  for (const [position, q] of (f.quotes ?? []).entries()) {
    const qLocales = Object.keys(q.texts) as Locale[];
    await prisma.quote.create({
      data: {
        articleId: article.id,
        position,
        speakerId: q.speakerId,
        originalLocale: qLocales[0]!,
        translations: {
          create: qLocales.map((locale, i) => ({
            locale,
            text: q.texts[locale]!,
            attribution: q.attributions?.[locale],
            origin: i === 0 ? 'ORIGINAL' : 'HUMAN',
          })),
        },
      },
    });
  }
  return article;
}

export const globalIdOf = (kind: 'Article' | 'Entity' | 'Quote', id: number) => Buffer.from(`${kind}:${id}`).toString('base64');
