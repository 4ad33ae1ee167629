import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../../support/server.js';
import { authHeader } from '../../support/tokens.js';

const CREATE = gql`mutation ($name: String!, $role: TokenRole!) { createApiToken(name: $name, role: $role) { secret token { id name role prefix revokedAt } } }`;
const REVOKE = gql`mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;
const LIST = gql`{ apiTokens { id name role prefix revokedAt } }`;

let server: TestServer;
let admin: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  admin = await authHeader(server, 'ADMIN', 'chief');
});
afterAll(() => server?.close());

describe('token management over the API (admins)', () => {
  it('creates a token whose secret works once shown, lists it without the secret, and revokes it', async () => {
    const { createApiToken } = await server
      .client(admin)
      .request<{ createApiToken: { secret: string; token: { id: string; name: string; role: string; prefix: string; revokedAt: null } } }>(CREATE, {
        name: '  Desk editor ',
        role: 'EDITOR',
      });
    expect(createApiToken.token).toMatchObject({ name: 'Desk editor', role: 'EDITOR', revokedAt: null });
    expect(createApiToken.secret.startsWith(createApiToken.token.prefix)).toBe(true);
    const editor = server.client({ authorization: `Bearer ${createApiToken.secret}` });
    await expect(editor.request(gql`{ translationQueue(locale: EN) { totalCount } }`)).resolves.toBeTruthy();

    const { apiTokens } = await server.client(admin).request<{ apiTokens: { id: string; name: string }[] }>(LIST);
    expect(apiTokens.map((t) => t.name)).toEqual(expect.arrayContaining(['chief', 'Desk editor']));
    expect(JSON.stringify(apiTokens)).not.toContain(createApiToken.secret);

    const { revokeApiToken } = await server.client(admin).request<{ revokeApiToken: { revokedAt: string | null } }>(REVOKE, { id: createApiToken.token.id });
    expect(revokeApiToken.revokedAt).not.toBeNull();
    const [error] = await graphqlErrors(editor.request(gql`{ locales { code } }`));
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('is for admins only: editors are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    const [forbidden] = await graphqlErrors(server.client(await authHeader(server, 'EDITOR')).request(LIST));
    expect(forbidden).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const [anonymous] = await graphqlErrors(server.client().request(CREATE, { name: 'x', role: 'ADMIN' }));
    expect(anonymous).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a blank name and unknown ids, in the caller’s language', async () => {
    const [blank] = await graphqlErrors(server.client({ ...admin, 'accept-language': 'en' }).request(CREATE, { name: '   ', role: 'READER' }));
    expect(blank).toMatchObject({ message: '"name" cannot be empty.', extensions: { code: 'BAD_USER_INPUT', argument: 'name' } });
    const [unknown] = await graphqlErrors(server.client(admin).request(REVOKE, { id: '999999' }));
    expect(unknown).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
  });
});
