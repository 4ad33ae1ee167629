import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { exitIfLocked } from '../db/data-lock.js';
import { createToken, listTokens, revokeTokens, ROLES, type Role } from './token.service.js';

// `npm run token -- create --name <who> --role editor | list | revoke <id or name>`
const USAGE =
  'usage: npm run token -- create --name <who> --role reader|editor|admin\n       npm run token -- list\n       npm run token -- revoke <id or name>';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, role: { type: 'string' } },
});
const [command, target] = positionals;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

if (!['create', 'list', 'revoke'].includes(command ?? '')) fail('unknown command');
const role = values.role?.toUpperCase();
if (command === 'create' && (!values.name?.trim() || !ROLES.includes(role as Role))) fail('create needs --name and --role reader|editor|admin');
if (command === 'revoke' && !target) fail('revoke needs a token id or name');

const db = await openDatabase(loadConfig(), undefined, { user: 'npm run token' }).catch(exitIfLocked);
try {
  if (command === 'create') {
    const token = await createToken(db.prisma, values.name!.trim(), role as Role);
    console.log(
      `Token ${token.id} for ${values.name!.trim()} (${role!.toLowerCase()}). Keep it now: it is not stored and will not be shown again.\n${token.secret}`,
    );
  } else if (command === 'list') {
    for (const t of await listTokens(db.prisma)) {
      console.log(
        [t.id, t.name, t.role.toLowerCase(), `${t.prefix}…`, t.createdAt.toISOString(), t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active'].join(
          '\t',
        ),
      );
    }
  } else {
    const count = await revokeTokens(db.prisma, target!);
    if (count === 0) fail(`no active token "${target}"`);
    console.log(`revoked ${count} token(s)`);
  }
} finally {
  await db.close();
}
