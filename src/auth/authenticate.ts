import { GraphQLError } from 'graphql';
import type { LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import type { Translator } from '../i18n/i18n.js';
import { findViewer, type Viewer } from './token.service.js';

/**
 * The viewer named by `Authorization: Bearer <token>`; null without the header. A header with an
 * unknown, revoked or malformed token fails the whole request with 401: silently reading as
 * anonymous would hide drafts from an editor without telling why.
 */
export async function authenticate(prisma: Db, header: string | undefined, translator: Translator, locale: LocaleCode): Promise<Viewer | null> {
  if (!header) return null;
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const viewer = secret ? await findViewer(prisma, secret) : null;
  if (!viewer) {
    throw new GraphQLError(translator.t(locale, 'errors:tokenInvalid'), { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return viewer;
}
