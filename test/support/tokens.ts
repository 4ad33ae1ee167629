import { createToken, type Role } from '../../src/auth/token.service.js';
import type { TestServer } from './server.js';

/** A real token, created as `npm run token -- create` does; returns the Authorization header. */
export async function authHeader(server: TestServer, role: Role = 'EDITOR', name = `${role.toLowerCase()}-${Date.now()}`): Promise<Record<string, string>> {
  const { secret } = await createToken(server.prisma, name, role);
  return { authorization: `Bearer ${secret}` };
}
