import { createHash } from 'node:crypto';
import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import type { Translator } from '../i18n/i18n.js';
import { withTranslations, type EntityRow } from '../db/rows.js';
import { violatesUnique } from '../db/unique-violation.js';
import { TEXT_LIMITS } from '../editorial/limits.js';
import { freeKeys } from '../editorial/slug.js';
import { extractQuotes } from './extract-quotes.js';
import { articleIdOfUrn } from '../formats/language-versions.js';
import { ImportRefusal } from './import-refusal.js';
import type { NinjsThing } from './ninjs-item.js';
import { listedEntities, ninjsParts } from './ninjs-source.js';
import type { DatePrecision, ImportWarning, Paragraph } from './dispatch.types.js';
import { findCandidates, findMentions, matchEntities, type EntityNames } from './match-entities.js';
import { normalizeText, parseDispatch } from './parse-dispatch.js';
import { scanQuotes } from './quote-marks.js';
import { sentenceSpans } from './sentences.js';

export interface ImportRequest {
  /** Raw wire text, or an IPTC ninjs 3.1 item (exactly one of the two). */
  source: { text: string } | { ninjs: unknown };
  /** The text's language: required for raw text; for ninjs only when the item has no `language`. */
  locale: LocaleCode | null;
  dryRun: boolean;
  createEntities: boolean;
  agency?: string | null;
}

/** Everything an import would write, computed without writing: a dry run returns it, a real run applies it. */
interface ImportPlan {
  /** Idempotency key: the raw text's hash, or the ninjs item's uri and version. */
  source: { hash: string } | { uri: string; version: string | null };
  locale: LocaleCode;
  title: string;
  lede: string;
  body: Paragraph[];
  publishedAt: Date | null;
  /** TIME for a ninjs item, whose dates are instants. */
  datePrecision: DatePrecision | 'TIME' | null;
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

/** Idempotency key: two pastes of one dispatch differ only in the whitespace normalizeText removes. */
const sourceHashOf = (text: string): string => createHash('sha256').update(normalizeText(text).trim()).digest('hex');

/**
 * The dispatch has no title: its first sentence says what happened, so the lede's first sentence
 * is the title (final stop dropped), cut at a word boundary to TEXT_LIMITS.TITLE_MAX with "…".
 * An editor rewrites it before publishing anyway; the article is a draft.
 */
function titleOf(lede: string): string {
  const first = sentenceSpans(lede, scanQuotes(lede).spans)[0];
  return cutTitle(
    (first ? lede.slice(first.start, first.end) : lede)
      .trim()
      .replace(/[.!?…]+$/u, '')
      .trim(),
  );
}

function cutTitle(text: string): string {
  let title = text.trim();
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

/** The text of a dispatch and what is said around it, however it came: the plan is made from these. */
interface DispatchParts {
  locale: LocaleCode;
  /** A headline the source gives; else the lede's first sentence is the title. */
  headline: string | null;
  lede: string;
  body: Paragraph[];
  publishedAt: Date | null;
  datePrecision: ImportPlan['datePrecision'];
  dateline: string | null;
  agency: string | null;
  warnings: ImportWarning[];
  /** Entities the source lists (ninjs subjects, people…), beyond those its text names. */
  things: NinjsThing[];
}

/** Parses and matches: the whole result, read-only. */
async function planImport(prisma: Pick<Db, 'entity'>, request: ImportRequest): Promise<ImportPlan> {
  if ('text' in request.source) {
    const locale = request.locale!;
    const parsed = parseDispatch(request.source.text, locale);
    if (parsed.warnings.some((w) => w.code === 'emptyText') || !parsed.lede.trim())
      throw new ImportRefusal('BAD_USER_INPUT', 'importEmpty', { argument: 'input.text' });
    const parts = { ...parsed, locale, headline: null, publishedAt: toDate(parsed.published), things: [] };
    return planFrom(prisma, { hash: sourceHashOf(request.source.text) }, parts, request.agency);
  }
  const { item, parts } = ninjsParts(request.source.ninjs, request.locale);
  return planFrom(prisma, { uri: item.uri, version: item.version ?? null }, parts, request.agency);
}

async function planFrom(
  prisma: Pick<Db, 'entity'>,
  source: ImportPlan['source'],
  parts: DispatchParts,
  agency: string | null | undefined,
): Promise<ImportPlan> {
  const { locale } = parts;
  const extracted = extractQuotes(parts, locale);

  const rows = await knownEntities(prisma, locale);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // Exact name or alias, first entity wins (as in findMentions): "télévision nigérienne" → RTN.
  const byName = new Map<string, EntityRow>();
  for (const r of rows) for (const n of namesOf(r, locale)) if (!byName.has(n.normalize('NFC').trim())) byName.set(n.normalize('NFC').trim(), r);
  const named = (name: string | null | undefined) => (name && byName.get(name.normalize('NFC').trim())) || null;
  const listed = await listedEntities(prisma, parts.things, named);
  // The name the item gives a listed entity is one of its names in this text ("Francesco
  // Schettino" for the entity of Q4421821, whatever we call it), and a listed name no entity has
  // is a candidate whose spans are not also cut into smaller candidates.
  const names = new Map<string, EntityNames>(rows.map((r) => [r.key, { entityKey: r.key, names: namesOf(r, locale) }]));
  for (const { entity, name } of listed.known) {
    byKey.set(entity.key, entity);
    const own = names.get(entity.key) ?? names.set(entity.key, { entityKey: entity.key, names: [] }).get(entity.key)!;
    if (name && !own.names.includes(name)) own.names.push(name);
  }
  const unknownNames = listed.unknown.map((name) => ({ entityKey: `\0${name}`, names: [name] }));

  // Headings are text too: the seed counts their mentions (same joining as the unit tests).
  const text = [parts.lede, ...parts.body.map((p) => p.text)].join('\n\n');
  const found = findMentions(text, [...names.values(), ...unknownNames]);
  const mentions = matchEntities(text, [...names.values()]).map((c) => ({ entity: byKey.get(c.entityKey)!, count: c.count }));
  // Listed but never named in the text (another name, another language): the item says it is mentioned.
  for (const { entity } of listed.known) if (!mentions.some((m) => m.entity.id === entity.id)) mentions.push({ entity, count: 1 });
  const listedCandidates = listed.unknown.map((name) => ({ name, count: found.filter((f) => f.entityKey === `\0${name}`).length || 1 }));
  const textCandidates = findCandidates(text, found, locale).filter((c) => !listed.unknown.includes(c.name));

  return {
    source,
    locale,
    title: parts.headline ? cutTitle(parts.headline) : titleOf(parts.lede),
    lede: parts.lede,
    body: parts.body,
    publishedAt: parts.publishedAt,
    datePrecision: parts.datePrecision,
    dateline: parts.dateline,
    // "Grossetto, Italy": the place is the first part when the whole is no name.
    datelineEntity: named(parts.dateline) ?? named(parts.dateline?.split(',')[0]),
    // The request names the agency when the text does not (the seed dispatch has no dateline).
    agency: agency?.trim() || parts.agency,
    // A speaker is an entity already known; otherwise the attribution text alone is kept.
    quotes: extracted.quotes.map((q) => ({
      text: q.text,
      paragraph: q.paragraph,
      attribution: q.attribution,
      speaker: named(q.speakerName),
    })),
    mentions,
    candidates: [...listedCandidates, ...textCandidates],
    warnings: [...parts.warnings, ...extracted.warnings],
  };
}

/**
 * Writes the plan in one transaction: created entities, article (DRAFT) and source text,
 * mentions, quotes. A few batched statements whatever the dispatch's size: the transaction holds
 * the slug and key locks (freeKeys) and a pooled connection, which other editors wait for.
 */
async function applyPlan(prisma: Db, plan: ImportPlan, createEntities: boolean): Promise<{ articleId: number; created: Map<string, number> }> {
  return prisma.$transaction(async (tx) => {
    const created = new Map<string, number>();
    const candidates = createEntities ? plan.candidates : [];
    // Keys before slugs, in every transaction that takes both: the locks are always taken in one order.
    const keys = await freeKeys(
      tx,
      'Entity.key',
      candidates.map((c) => c.name),
    );
    if (keys.length > 0) {
      // The importer cannot tell a person from a place: OTHER until an editor says otherwise.
      const rows = await tx.entity.createManyAndReturn({ data: keys.map((key) => ({ key, type: 'OTHER' as const })), select: { id: true, key: true } });
      const idOf = new Map(rows.map((r) => [r.key, r.id]));
      for (const [i, c] of candidates.entries()) created.set(c.name, idOf.get(keys[i]!)!);
      await tx.entityTranslation.createMany({
        data: candidates.map((c) => ({ entityId: created.get(c.name)!, locale: plan.locale, name: c.name, origin: 'ORIGINAL' as const })),
      });
    }
    const [slug] = await freeKeys(tx, 'Article.slug', [plan.title]);
    const { id: articleId } = await tx.article.create({
      data: {
        slug: slug!,
        sourceLocale: plan.locale,
        status: 'DRAFT',
        agency: plan.agency,
        publishedAt: plan.publishedAt,
        datePrecision: plan.publishedAt ? (plan.datePrecision ?? 'DAY') : null,
        datelineId: plan.datelineEntity?.id ?? null,
        ...('hash' in plan.source ? { sourceHash: plan.source.hash } : { ninjsUri: plan.source.uri, ninjsVersion: plan.source.version }),
        translations: {
          create: { locale: plan.locale, title: plan.title, lede: plan.lede, body: plan.body as unknown as P.InputJsonValue, origin: 'ORIGINAL' },
        },
      },
      select: { id: true },
    });
    const mentions = [
      ...plan.mentions.map((m) => ({ articleId, entityId: m.entity.id, count: m.count })),
      ...candidates.map((c) => ({ articleId, entityId: created.get(c.name)!, count: c.count })),
    ];
    if (mentions.length) await tx.mention.createMany({ data: mentions });
    if (plan.quotes.length) {
      const quotes = await tx.quote.createManyAndReturn({
        data: plan.quotes.map((q, position) => ({ articleId, speakerId: q.speaker?.id ?? null, originalLocale: plan.locale, position })),
        select: { id: true, position: true },
      });
      const idAt = new Map(quotes.map((q) => [q.position, q.id]));
      await tx.quoteTranslation.createMany({
        data: plan.quotes.map((q, position) => ({
          quoteId: idAt.get(position)!,
          locale: plan.locale,
          text: q.text,
          attribution: q.attribution,
          origin: 'ORIGINAL' as const,
        })),
      });
    }
    return { articleId, created };
  });
}

/**
 * The article imported earlier from the same source, if any. A ninjs item is the same by `uri`
 * and `version`; our own `urn:depeche:article:n` is article n itself at its current version. The
 * same uri at another version is refused (CONFLICT): the editor may have reworked the first draft,
 * so neither overwriting it nor forking a twin is right without them choosing.
 */
async function existingArticle(prisma: Pick<Db, 'article'>, source: ImportPlan['source']): Promise<number | null> {
  if ('hash' in source) return (await prisma.article.findUnique({ where: { sourceHash: source.hash }, select: { id: true } }))?.id ?? null;
  const own = articleIdOfUrn(source.uri);
  const ours = own !== null && (await prisma.article.findUnique({ where: { id: own }, select: { id: true, slug: true, version: true } }));
  const imported = ours ? null : await prisma.article.findUnique({ where: { ninjsUri: source.uri }, select: { id: true, slug: true, ninjsVersion: true } });
  const row = ours ? { ...ours, version: String(ours.version) } : imported && { ...imported, version: imported.ninjsVersion };
  if (!row) return null;
  if (row.version !== source.version)
    throw new ImportRefusal('CONFLICT', 'ninjsOtherVersion', {
      argument: 'input.ninjs.version',
      uri: source.uri,
      slug: row.slug,
      have: row.version ?? '-',
      got: source.version ?? '-',
    });
  return row.id;
}

/**
 * The one implementation behind the mutation and the CLI. The same source imported before (same
 * raw text, or same ninjs uri and version) is returned as it is, with nothing written; a dry run
 * stops after planning.
 */
export async function importDispatch(prisma: Db, request: ImportRequest): Promise<ImportOutcome> {
  const plan = await planImport(prisma, request);
  const findExisting = () => existingArticle(prisma, plan.source);
  const none = new Map<string, EntityRow>();

  const before = await findExisting();
  if (before !== null) return { plan, articleId: before, existing: true, created: none };
  if (request.dryRun) return { plan, articleId: null, existing: false, created: none };

  let applied: Awaited<ReturnType<typeof applyPlan>>;
  try {
    applied = await applyPlan(prisma, plan, request.createEntities);
  } catch (e) {
    // A concurrent import of the same source committed first: its article is the answer.
    const twin = violatesUnique(e, 'sourceHash') || violatesUnique(e, 'ninjsUri') ? await findExisting() : null;
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
