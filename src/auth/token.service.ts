import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';

export type Role = 'READER' | 'EDITOR' | 'ADMIN';
export const ROLES: readonly Role[] = ['READER', 'EDITOR', 'ADMIN'];

/** "dpc_" marks Dépêche secrets for secret scanners; 32 random bytes make guessing hopeless. */
const SECRET_PREFIX = 'dpc_';
const SHOWN_PREFIX_LENGTH = 10;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface Viewer {
  tokenId: number;
  name: string;
  role: Role;
}

export async function createToken(prisma: Db, name: string, role: Role): Promise<{ id: number; secret: string; prefix: string }> {
  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
  const prefix = secret.slice(0, SHOWN_PREFIX_LENGTH);
  const token = await prisma.apiToken.create({ data: { name, role, tokenHash: hashSecret(secret), prefix } });
  return { id: token.id, secret, prefix };
}

export function listTokens(prisma: Db) {
  return prisma.apiToken.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true, role: true, prefix: true, createdAt: true, revokedAt: true } });
}

/** Revokes by id or by name (every active token of that name); returns how many were revoked. */
export async function revokeTokens(prisma: Db, idOrName: string): Promise<number> {
  const where = /^\d+$/.test(idOrName) ? { id: Number(idOrName) } : { name: idOrName };
  const { count } = await prisma.apiToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/**
 * The token behind a secret, looked up on every request (no cache) so that a revoked token stops
 * working at once. Null when unknown or revoked.
 */
export async function findViewer(prisma: Db, secret: string): Promise<Viewer | null> {
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecret(secret) }, select: { id: true, name: true, role: true, revokedAt: true } });
  return token && !token.revokedAt ? { tokenId: token.id, name: token.name, role: token.role } : null;
}
