import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RequestHandler } from 'express';
import { ConfigError, type Config } from '../config.js';
import { canEdit, type Context } from './context.js';

/** Documents Apollo parsed and validated (it stores each one then): trusted ones never are. */
export const PARSED = { documents: 0 };

const SHA256 = /^[0-9a-f]{64}$/;

export interface TrustedDocuments {
  /** Apollo's document store: the trusted documents, parsed and validated at start and kept; others in an LRU. */
  documentStore: KeyValueCache<DocumentNode>;
  /** The persisted-query store, answering every trusted hash as well, so a client may send the hash alone. */
  persistedQueries(store: KeyValueCache<string>): KeyValueCache<string>;
  /** Refuses a document outside the list unless the request has an editor's or admin's token. */
  plugin: ApolloServerPlugin<Context>;
  /** `{"documentId": "sha256:<hash>"}` (GraphQL over HTTP's persisted documents) read as Apollo's persisted-query extension. */
  documentIds: RequestHandler;
}

/** The manifest `{ "<sha256 of the text>": "<text>" }`, each document checked against the schema: a bad one stops the start. */
function loadManifest(file: string, schema: GraphQLSchema, config: Pick<Config, 'introspection'>): Map<string, { text: string; document: DocumentNode }> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`TRUSTED_DOCUMENTS: cannot read ${file} as JSON (${(err as Error).message})`);
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
    throw new ConfigError(`TRUSTED_DOCUMENTS: ${file} must hold an object {"<sha256>": "<document>"}`);
  // Apollo validates with introspection refused when it is off; these documents skip its validation.
  const rules = config.introspection === 'off' ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules;
  const documents = new Map<string, { text: string; document: DocumentNode }>();
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string' || !SHA256.test(hash) || createHash('sha256').update(text).digest('hex') !== hash) {
      throw new ConfigError(`TRUSTED_DOCUMENTS: the key ${JSON.stringify(hash)} of ${file} is not the SHA-256 (lowercase hex) of its document`);
    }
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (err) {
      throw new ConfigError(`TRUSTED_DOCUMENTS: document ${hash} does not parse: ${(err as Error).message}`);
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) throw new ConfigError(`TRUSTED_DOCUMENTS: document ${hash} is not valid against the schema: ${errors[0]!.message}`);
    documents.set(hash, { text, document });
  }
  return documents;
}

/**
 * TRUSTED_DOCUMENTS: an allow-list of operations. Anonymous and reader requests run only the
 * documents of the list, sent by text or by hash; editors and admins (from Apollo Sandbox) run
 * any document. The listed documents are parsed and validated once, at start.
 */
export function trustedDocuments(file: string, schema: GraphQLSchema, config: Pick<Config, 'introspection'>): TrustedDocuments {
  const trusted = loadManifest(file, schema, config);
  const others = new InMemoryLRUCache<DocumentNode>();
  // Apollo prefixes its keys (the schema's hash, `apq:`): the query's hash is what follows the last colon.
  const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  const documentStore: KeyValueCache<DocumentNode> = {
    get: async (key) => trusted.get(hashOf(key))?.document ?? others.get(key),
    set: async (key, value, options) => {
      PARSED.documents++;
      await others.set(key, value, options);
    },
    delete: (key) => others.delete(key),
  };
  return {
    documentStore,
    persistedQueries: (store) => ({
      get: async (key) => trusted.get(hashOf(key))?.text ?? store.get(key),
      set: (key, text, options) => store.set(key, text, options),
      delete: (key) => store.delete(key),
    }),
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, queryHash, contextValue }) {
            // Without HTTP: an operation the server runs itself (the ninjs routes), trusted as its code is.
            if (!request.http || trusted.has(queryHash) || canEdit(contextValue.viewer)) return;
            const { translator, locale } = contextValue;
            throw new GraphQLError(translator.t(locale, 'errors:persistedQueryNotInList'), {
              extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
            });
          },
        };
      },
    },
    documentIds: (req, _res, next) => {
      const body = req.body as { documentId?: unknown; query?: unknown; extensions?: Record<string, unknown> } | undefined;
      const id = typeof body?.documentId === 'string' ? body.documentId.replace(/^sha256:/, '') : null;
      if (body && id !== null && body.query === undefined) body.extensions = { ...body.extensions, persistedQuery: { version: 1, sha256Hash: id } };
      next();
    },
  };
}
