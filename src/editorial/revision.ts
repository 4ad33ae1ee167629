import type { Prisma as P, RevisionSubject } from '@prisma/client';
import type { LocaleCode } from '../config.js';

type Tx = Pick<P.TransactionClient, 'revision'>;

/** Keeps text an edit is about to replace. Call inside the transaction that replaces it. */
export function recordRevision(
  tx: Tx,
  revision: { subject: RevisionSubject; subjectId: number; locale: LocaleCode | null; version: number; data: Record<string, unknown>; authorId: number },
) {
  return tx.revision.create({ data: { ...revision, data: revision.data as P.InputJsonValue } });
}
