import type { Config, LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import type { Translator } from '../i18n/i18n.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Logger } from '../logger.js';
import type { Redis } from 'ioredis';
import { articleLoaders } from '../articles/article.loader.js';
import { entityLoaders } from '../entities/entity.loader.js';
import { quoteLoaders } from '../quotes/quote.loader.js';
import { formatLoaders } from '../formats/article-record.js';
import { errorsFor, type Errors } from './errors.js';
import type { Viewer } from '../auth/token.service.js';
import type { SearchBulkhead } from '../search/search.bulkhead.js';
import { EDITORIAL, PUBLIC, type Visibility } from '../articles/visibility.js';
import type { LiveBus } from '../live/live-bus.js';

/** Long-lived parts shared by every request. */
export interface Services {
  config: Config;
  prisma: Db;
  translator: Translator;
  localizer: Localizer;
  logger: Logger;
  /** Shared stores when REDIS_URL is set; null keeps caches and counters in this process. */
  redis: Redis | null;
  /** The database client for a non-editor's request (a read replica in turn); absent: `prisma`. */
  reader?: () => Db;
  /** The few connections search statements may hold at once. */
  searchBulkhead: SearchBulkhead;
  /** The client for a non-editor's search statements (Database.anonymousSearcher); absent: `prisma`. */
  anonymousSearcher?: () => Db;
  /** Where committed changes are announced to live subscribers (src/live/); absent outside a server (CLIs): nobody listens. */
  live?: LiveBus;
}

export type Loaders = ReturnType<typeof createLoaders>;

const createLoaders = (prisma: Db, visibility: Visibility, translator: Translator) => ({
  ...articleLoaders(prisma, visibility, translator),
  ...entityLoaders(prisma, visibility, translator),
  ...quoteLoaders(prisma, visibility, translator),
  ...formatLoaders(prisma, visibility),
});

export interface Context extends Services {
  requestId: string;
  /** From Accept-Language, else the configured default; a `locale` argument overrides it per field. */
  locale: LocaleCode;
  /** The token's owner, or null for an anonymous reader. */
  viewer: Viewer | null;
  /** Article statuses this request may see. */
  visibility: Visibility;
  /** Request-scoped: batches and caches lookups for this request only. */
  loaders: Loaders;
  /** Errors in `locale` (or in the language given, for fields with a `locale` argument). */
  errors(locale?: LocaleCode | null): Errors;
  /** Aborted when the client closed the connection before its answer: work still waiting is dropped. */
  signal?: AbortSignal;
}

export const canEdit = (viewer: Viewer | null) => viewer?.role === 'EDITOR' || viewer?.role === 'ADMIN';

export function createContext(services: Services, requestId: string, locale: LocaleCode, viewer: Viewer | null = null, signal?: AbortSignal): Context {
  const visibility = canEdit(viewer) ? EDITORIAL : PUBLIC;
  // Editors read and write the primary, so they always see their own writes. Everyone else only
  // reads (every mutation requires an editor, checked before any query): a replica will do.
  const prisma = canEdit(viewer) || !services.reader ? services.prisma : services.reader();
  return {
    ...services,
    prisma,
    requestId,
    locale,
    viewer,
    visibility,
    loaders: createLoaders(prisma, visibility, services.translator),
    errors: (l) => errorsFor(services.translator, l ?? locale),
    signal,
  };
}
