/** Shape of the hand-curated seed dispatches; kept as plain data so seeding stays idempotent and reviewable. */
type SeedLocale = 'FR' | 'EN';
type SeedEntityType = 'PERSON' | 'ORGANIZATION' | 'PLACE' | 'EVENT' | 'OTHER';
type SeedParagraphKind = 'TEXT' | 'HEADING';

interface SeedEntityText {
  name: string;
  description: string;
  aliases: string[];
}

export interface SeedEntity {
  /** Stable natural key used to upsert the entity (kebab-case, ASCII). */
  key: string;
  type: SeedEntityType;
  wikidataId: string | null;
  fr: SeedEntityText;
  en: SeedEntityText;
}

interface SeedParagraph {
  kind: SeedParagraphKind;
  text: string;
}

interface SeedArticleText {
  title: string;
  lede: string;
  body: SeedParagraph[];
}

interface SeedQuote {
  /** Entity key of the speaker when the text names one, else null. */
  speaker: string | null;
  /** Who the text attributes the words to, as written in each language (kept even without a speaker entity). */
  attribution: { fr: string; en: string };
  /** Index in `body` (0-based) of the paragraph carrying the quote; -1 for the lede. */
  paragraph: number;
  fr: string;
  en: string;
}

interface SeedArticle {
  slug: string;
  sourceLocale: SeedLocale;
  agency: string | null;
  /** ISO date as precise as the source allows: "2024-04" (MONTH) or "2024-04-19" (DAY). */
  published: string;
  datePrecision: 'YEAR' | 'MONTH' | 'DAY';
  /** Entity key of the dateline place when the text gives one, else null. */
  dateline: string | null;
  fr: SeedArticleText;
  en: SeedArticleText;
  quotes: SeedQuote[];
  mentions: { entity: string; count: number }[];
}

export interface SeedDispatch {
  entities: SeedEntity[];
  article: SeedArticle;
}
