import { registerEnumType } from 'type-graphql';
import { $Enums } from '@prisma/client';

// The GraphQL enums are the database enums: one list of values, no mapping to keep in sync.
export const Locale = $Enums.Locale;
export const EntityType = $Enums.EntityType;
export const TranslationOrigin = $Enums.TranslationOrigin;
export const DatePrecision = $Enums.DatePrecision;
export const ArticleStatus = $Enums.ArticleStatus;
export const TranslationStatus = $Enums.TranslationStatus;

export enum TranslationState {
  CURRENT = 'CURRENT',
  OUTDATED = 'OUTDATED',
  MISSING = 'MISSING',
}

export enum ParagraphKind {
  TEXT = 'TEXT',
  HEADING = 'HEADING',
}

registerEnumType(Locale, {
  name: 'Locale',
  description: 'A language of the archive.',
  valuesConfig: { FR: { description: 'French' }, EN: { description: 'English' } },
});
registerEnumType(EntityType, {
  name: 'EntityType',
  description: 'What kind of thing a named entity is.',
  valuesConfig: {
    PERSON: { description: 'A person.' },
    ORGANIZATION: { description: 'A company, institution, armed group, government body, media outlet…' },
    PLACE: { description: 'A country, region, city or site.' },
    EVENT: { description: 'A named event (a coup, an election, a summit…).' },
    OTHER: { description: 'Anything else with a name.' },
  },
});
registerEnumType(TranslationOrigin, {
  name: 'TranslationOrigin',
  description: 'How a text in one language came to be.',
  valuesConfig: {
    ORIGINAL: { description: 'Written in this language by the author or agency.' },
    HUMAN: { description: 'Translated by an editor.' },
    MACHINE: { description: 'Machine-translated, not yet reviewed.' },
  },
});
registerEnumType(TranslationState, {
  name: 'TranslationState',
  description: 'Whether a language version is up to date with the source text.',
  valuesConfig: {
    CURRENT: { description: 'Matches the current source text (or is the source).' },
    OUTDATED: { description: 'The source was edited after this translation was made.' },
    MISSING: { description: 'No text in this language.' },
  },
});
registerEnumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How much of `publishedAt` the source actually gives; finer parts are not to be shown.',
  valuesConfig: {
    YEAR: { description: 'Only the year is known.' },
    MONTH: { description: 'Year and month are known ("2024-04").' },
    DAY: { description: 'The day is known.' },
    TIME: { description: 'The time of day is known too.' },
  },
});
registerEnumType(ArticleStatus, {
  name: 'ArticleStatus',
  description: 'Where an article stands. Readers only ever see PUBLISHED ones.',
  valuesConfig: {
    DRAFT: { description: 'Being written or translated; editors only.' },
    PUBLISHED: { description: 'Public.' },
    ARCHIVED: { description: 'Withdrawn from the public, kept for editors (published content is never deleted).' },
  },
});
registerEnumType(TranslationStatus, {
  name: 'TranslationStatus',
  description:
    "Where one language version stands. Readers only see PUBLISHED versions (the source language's version follows the article: PUBLISHED when the article is, else DRAFT).",
  valuesConfig: {
    DRAFT: { description: 'Being translated; editors only. Every new translation starts here.' },
    IN_REVIEW: { description: 'Submitted for review (submitArticleTranslation); editors only. A MACHINE translation must pass here before it is published.' },
    PUBLISHED: { description: 'Shown to readers whenever the article is published.' },
  },
});
registerEnumType(ParagraphKind, {
  name: 'ParagraphKind',
  description: 'Role of a paragraph in an article body.',
  valuesConfig: { TEXT: { description: 'Running text.' }, HEADING: { description: 'An intertitle.' } },
});
