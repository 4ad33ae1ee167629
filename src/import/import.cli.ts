import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, LOCALES, type LocaleCode } from '../config.js';
import { DataFolderUnusableError, openDatabase } from '../db/database.js';
import { exitIfLocked } from '../db/data-lock.js';
import type { EntityRow } from '../db/rows.js';
import { createTranslator } from '../i18n/i18n.js';
import { ImportRefusal } from './import-refusal.js';
import { importDispatch, warningMessage } from './import.service.js';

// `npm run import -- <file> --locale fr [--dry-run] [--create-entities] [--agency AFP]`
// Same service as the importDispatch mutation. No viewer is needed: an import creates new rows
// only and records no revision, so the CLI runs as the operator who holds the database.
// A .json file is a ninjs item, whose own `language` says the locale (--locale only if it has none).
const USAGE = 'usage: npm run import -- <file.txt> --locale fr|en | <file.json> [--locale fr|en]  [--dry-run] [--create-entities] [--agency <name>]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { locale: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'create-entities': { type: 'boolean' }, agency: { type: 'string' } },
    });
  } catch (e) {
    fail((e as Error).message);
  }
}
const { positionals, values } = readArgs();
if (positionals.length !== 1) fail('give exactly one dispatch file');
const file = positionals[0]!;
const isNinjs = file.toLowerCase().endsWith('.json');
const locale = (values.locale?.toUpperCase() ?? null) as LocaleCode | null;
if (locale ? !LOCALES.includes(locale) : !isNinjs) fail('--locale must be fr or en');
const content = await readFile(file, 'utf8').catch((e: Error) => fail(`cannot read ${file}: ${e.message}`));
const parseJson = () => {
  try {
    return JSON.parse(content) as unknown;
  } catch (e) {
    fail(`${file} is not JSON: ${(e as Error).message}`);
  }
};

const config = loadConfig();
const translator = createTranslator(config);
const dryRun = values['dry-run'] ?? false;
// A dry run reads what the database holds and writes nothing: not even a new or migrated folder.
const db = await openDatabase(config, undefined, { user: 'npm run import', existingOnly: dryRun }).catch((e: unknown) =>
  e instanceof DataFolderUnusableError ? fail(e.message) : exitIfLocked(e),
);
try {
  const outcome = await importDispatch(db.prisma, {
    source: isNinjs ? { ninjs: parseJson() } : { text: content },
    locale,
    dryRun,
    createEntities: values['create-entities'] ?? false,
    agency: values.agency ?? null,
  });
  const { plan } = outcome;
  const name = (row: EntityRow) => row.translations.find((t) => t.locale === plan.locale)?.name ?? row.key;
  const out: string[] = [];
  if (outcome.existing) out.push(`Already imported: article ${outcome.articleId} (nothing written).`);
  else if (outcome.articleId !== null) out.push(`Imported as draft article ${outcome.articleId}.`);
  else out.push('Dry run: nothing written.');
  if ('uri' in plan.source) out.push(`ninjs item: ${plan.source.uri} (version ${plan.source.version ?? '-'}), language ${plan.locale.toLowerCase()}`);
  out.push(`Title: ${plan.title}`);
  out.push(
    `Date: ${plan.publishedAt?.toISOString().slice(0, 10) ?? '-'} (${plan.datePrecision ?? 'none'})  Dateline: ${plan.dateline ?? '-'}  Agency: ${plan.agency ?? '-'}`,
  );
  out.push(`Paragraphs: ${plan.body.length} after the lede`);
  for (const [i, p] of plan.body.entries())
    out.push(`  ${i + 1}. ${p.kind === 'HEADING' ? `[${p.text}]` : `${p.text.slice(0, 70)}${p.text.length > 70 ? '…' : ''}`}`);
  out.push(`Quotes: ${plan.quotes.length}`);
  for (const q of plan.quotes)
    out.push(`  [${q.paragraph < 0 ? 'lede' : q.paragraph + 1}] « ${q.text} » — ${q.attribution ?? '?'}${q.speaker ? ` (${name(q.speaker)})` : ''}`);
  out.push(`Mentions: ${plan.mentions.length}`);
  for (const m of plan.mentions) out.push(`  ${name(m.entity)} ×${m.count}`);
  out.push(`Candidates: ${plan.candidates.length}`);
  for (const c of plan.candidates) out.push(`  ${c.name} ×${c.count}${outcome.created.has(c.name) ? ' (created)' : ''}`);
  out.push(`Warnings: ${plan.warnings.length}`);
  for (const w of plan.warnings) out.push(`  ${w.code}: ${warningMessage(translator, plan.locale, w)}`);
  console.log(out.join('\n'));
} catch (e) {
  if (!(e instanceof ImportRefusal)) throw e;
  const { problems, ...params } = e.params;
  const all = Array.isArray(problems) ? problems.map((p: { path: string; message: string }) => `\n  ${p.path} ${p.message}`).join('') : '';
  fail(`${translator.t(locale ?? config.defaultLocale, `errors:${e.key}`, params)}${all}`);
} finally {
  await db.close();
}
