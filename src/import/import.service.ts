import { createHash } from 'node:crypto';
import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import type { Translator } from '../i18n/i18n.js';
import { withTranslations, type EntityRow } from '../db/rows.js';
import { violatesUnique } from '../db/unique-violation.js';
import { TEXT_LIMITS } from '../editorial/limits.js';
import { retryOnSlugTwin, slugOf, uniqueSlug } from '../editorial/slug.js';
import { extractQuotes } from './extract-quotes.js';
import type { DatePrecision, ImportWarning, Paragraph } from './dispatch.types.js';
import { findCandidates, findMentions, matchEntities, type EntityNames } from './match-entities.js';
import { normalizeText, parseDispatch } from './parse-dispatch.js';
import { scanQuotes } from './quote-marks.js';
import { sentenceSpans } from './sentences.js';

type Tx = P.TransactionClient;

export interface ImportRequest {
  text: string;
  locale: LocaleCode;
  dryRun: boolean;
  createEntities: boolean;
  agency?: string | null;
}

/** Everything an import would write, computed without writing: a dry run returns it, a real run applies it. */
interface ImportPlan {
  sourceHash: string;
  locale: LocaleCode;
  title: string;
  lede: string;
  body: Paragraph[];
  publishedAt: Date | null;
  datePrecision: DatePrecision | null;
  dateline: string | null;
  datelineEntity: EntityRow | null;
  agency: string | null;
  quotes: { text: string; paragraph: number; attribution: string | null; speaker: EntityRow | null }[];
  mentions: { entity: EntityRow; count: number }[];
  candidates: { name: string; count: number }[];
  warnings: ImportWarning[];
}

export interface ImportOutcome {
  plan: ImportPlan;
  /** The article created, or the one imported earlier from the same text; null on a dry run of a new text. */
  articleId: number | null;
  existing: boolean;
  /** Entities created from candidates, by candidate name (real runs with createEntities only). */
  created: Map<string, EntityRow>;
}

/** The text is empty once parsed (whitespace, or only a date line): there is nothing to import. */
export class EmptyDispatchError extends Error {}

/** Idempotency key: two pastes of one dispatch differ only in the whitespace normalizeText removes. */
const sourceHashOf = (text: string): string => createHash('sha256').update(normalizeText(text).trim()).digest('hex');

/**
 * The dispatch has no title: its first sentence says what happened, so the lede's first sentence
 * is the title (final stop dropped), cut at a word boundary to TEXT_LIMITS.TITLE_MAX with "…".
 * An editor rewrites it before publishing anyway; the article is a draft.
 */
function titleOf(lede: string): string {
  const first = sentenceSpans(lede, scanQuotes(lede).spans)[0];
  let title = (first ? lede.slice(first.start, first.end) : lede)
    .trim()
    .replace(/[.!?…]+$/u, '')
    .trim();
  if (title.length > TEXT_LIMITS.TITLE_MAX) {
    const cut = title.slice(0, TEXT_LIMITS.TITLE_MAX - 1);
    title = `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:]+$/u, '')}…`;
  }
  return title;
}

/** '2024' → 2024-01-01, '2024-04' → 2024-04-01, '2024-04-19' → that day, all at midnight UTC. */
const toDate = (iso: string | null) => (iso ? new Date(`${iso}${iso.length === 4 ? '-01-01' : iso.length === 7 ? '-01' : ''}T00:00:00Z`) : null);

/**
 * Every live entity with a translation in `locale`, in one query. Fine for an archive of a few
 * thousand entities; beyond that, prefilter with the trigram index (entity.lookup.ts) on the
 * text's capitalised words instead of loading them all.
 */
async function knownEntities(prisma: Pick<Db, 'entity'>, locale: LocaleCode): Promise<EntityRow[]> {
  return prisma.entity.findMany({ where: { mergedIntoId: null, translations: { some: { locale } } }, include: withTranslations, orderBy: { id: 'asc' } });
}

const namesOf = (row: EntityRow, locale: LocaleCode) => {
  const t = row.translations.find((tr) => tr.locale === locale);
  return t ? [t.name, ...t.aliases] : [];
};

/** Parses and matches: the whole result, read-only. */
async function planImport(prisma: Pick<Db, 'entity'>, request: ImportRequest): Promise<ImportPlan> {
  const { locale } = request;
  const parsed = parseDispatch(request.text, locale);
  if (parsed.warnings.some((w) => w.code === 'emptyText') || !parsed.lede.trim()) throw new EmptyDispatchError();
  const extracted = extractQuotes(parsed, locale);

  const rows = await knownEntities(prisma, locale);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const names: EntityNames[] = rows.map((r) => ({ entityKey: r.key, names: namesOf(r, locale) }));
  // Exact name or alias, first entity wins (as in findMentions): "télévision nigérienne" → RTN.
  const byName = new Map<string, EntityRow>();
  for (const r of rows) for (const n of namesOf(r, locale)) if (!byName.has(n.normalize('NFC').trim())) byName.set(n.normalize('NFC').trim(), r);

  // Headings are text too: the seed counts their mentions (same joining as the unit tests).
  const text = [parsed.lede, ...parsed.body.map((p) => p.text)].join('\n\n');
  const found = findMentions(text, names);

  return {
    sourceHash: sourceHashOf(request.text),
    locale,
    title: titleOf(parsed.lede),
    lede: parsed.lede,
    body: parsed.body,
    publishedAt: toDate(parsed.published),
    datePrecision: parsed.datePrecision,
    dateline: parsed.dateline,
    datelineEntity: (parsed.dateline && byName.get(parsed.dateline)) || null,
    // The request names the agency when the text does not (the seed dispatch has no dateline).
    agency: request.agency?.trim() || parsed.agency,
    // A speaker is an entity already known; otherwise the attribution text alone is kept.
    quotes: extracted.quotes.map((q) => ({
      text: q.text,
      paragraph: q.paragraph,
      attribution: q.attribution,
      speaker: (q.speakerName && byName.get(q.speakerName)) || null,
    })),
    mentions: matchEntities(text, names).map((c) => ({ entity: byKey.get(c.entityKey)!, count: c.count })),
    candidates: findCandidates(text, found, locale),
    warnings: [...parsed.warnings, ...extracted.warnings],
  };
}

/** A key no entity has yet (as createEntity does): the name's slug, else -2, -3… */
async function uniqueKey(tx: Tx, name: string): Promise<string> {
  const base = slugOf(name);
  const taken = new Set((await tx.entity.findMany({ where: { key: { startsWith: base } }, select: { key: true } })).map((e) => e.key));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Writes the plan in one transaction: article (DRAFT), source text, created entities, mentions, quotes. */
async function applyPlan(prisma: Db, plan: ImportPlan, createEntities: boolean): Promise<{ articleId: number; created: Map<string, number> }> {
  return prisma.$transaction(async (tx) => {
    const created = new Map<string, number>();
    if (createEntities) {
      for (const c of plan.candidates) {
        // The importer cannot tell a person from a place: OTHER until an editor says otherwise.
        const { id } = await tx.entity.create({
          data: { key: await uniqueKey(tx, c.name), type: 'OTHER', translations: { create: { locale: plan.locale, name: c.name, origin: 'ORIGINAL' } } },
          select: { id: true },
        });
        created.set(c.name, id);
      }
    }
    const { id: articleId } = await tx.article.create({
      data: {
        slug: await uniqueSlug(tx, plan.title),
        sourceLocale: plan.locale,
        status: 'DRAFT',
        agency: plan.agency,
        publishedAt: plan.publishedAt,
        datePrecision: plan.datePrecision ?? 'DAY',
        datelineId: plan.datelineEntity?.id ?? null,
        sourceHash: plan.sourceHash,
        translations: {
          create: { locale: plan.locale, title: plan.title, lede: plan.lede, body: plan.body as unknown as P.InputJsonValue, origin: 'ORIGINAL' },
        },
      },
      select: { id: true },
    });
    const mentions = [
      ...plan.mentions.map((m) => ({ articleId, entityId: m.entity.id, count: m.count })),
      ...plan.candidates.flatMap((c) => (created.has(c.name) ? [{ articleId, entityId: created.get(c.name)!, count: c.count }] : [])),
    ];
    if (mentions.length) await tx.mention.createMany({ data: mentions });
    for (const [position, q] of plan.quotes.entries()) {
      await tx.quote.create({
        data: {
          articleId,
          speakerId: q.speaker?.id ?? null,
          originalLocale: plan.locale,
          position,
          translations: { create: { locale: plan.locale, text: q.text, attribution: q.attribution, origin: 'ORIGINAL' } },
        },
      });
    }
    return { articleId, created };
  });
}

/**
 * The one implementation behind the mutation and the CLI. The same text imported before (same
 * sourceHash) is returned as it is, with nothing written; a dry run stops after planning.
 */
export async function importDispatch(prisma: Db, request: ImportRequest): Promise<ImportOutcome> {
  const plan = await planImport(prisma, request);
  const findExisting = async () => (await prisma.article.findUnique({ where: { sourceHash: plan.sourceHash }, select: { id: true } }))?.id ?? null;
  const none = new Map<string, EntityRow>();

  const before = await findExisting();
  if (before !== null) return { plan, articleId: before, existing: true, created: none };
  if (request.dryRun) return { plan, articleId: null, existing: false, created: none };

  let applied: Awaited<ReturnType<typeof applyPlan>>;
  try {
    applied = await retryOnSlugTwin(() => applyPlan(prisma, plan, request.createEntities));
  } catch (e) {
    // A concurrent import of the same text committed first: its article is the answer.
    const twin = violatesUnique(e, 'sourceHash') ? await findExisting() : null;
    if (twin === null) throw e;
    return { plan, articleId: twin, existing: true, created: none };
  }
  const rows = await prisma.entity.findMany({ where: { id: { in: [...applied.created.values()] } }, include: withTranslations });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { plan, articleId: applied.articleId, existing: false, created: new Map([...applied.created].map(([name, id]) => [name, byId.get(id)!])) };
}

/** A warning's message in `locale` (locales/<lng>/import.json); its paragraph (-1: the lede) said in words. */
export function warningMessage(translator: Translator, locale: LocaleCode, w: ImportWarning): string {
  const paragraph = typeof w.params.paragraph === 'number' ? w.params.paragraph : null;
  const where =
    paragraph === null ? '' : paragraph < 0 ? translator.t(locale, 'import:where.lede') : translator.t(locale, 'import:where.paragraph', { n: paragraph + 1 });
  return translator.t(locale, `import:warnings.${w.code}`, { ...w.params, where });
}
