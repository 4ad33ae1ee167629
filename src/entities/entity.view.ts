import type { LocaleCode } from '../config.js';
import type { EntityReadRow } from '../db/rows.js';
import { globalId } from '../common/node.js';
import type { Localizer } from '../i18n/localizer.js';
import { Entity } from './entity.type.js';

// Entities have no source language of their own: French is the archive's first language.
const ENTITY_ORIGINAL: LocaleCode = 'FR';

/** The entity as served in `requested` (a localized row holds only that version). */
export function toEntity(row: EntityReadRow, requested: LocaleCode, localizer: Localizer): Entity {
  const original = row.translations.find((t) => t.origin === 'ORIGINAL')?.locale ?? ENTITY_ORIGINAL;
  const picked = localizer.pick(row.translations, requested, original);
  return Object.assign(new Entity(), {
    row,
    requested,
    id: globalId('Entity', row.id),
    type: row.type,
    name: picked?.text.name ?? '',
    description: picked?.text.description ?? null,
    aliases: picked?.text.aliases ?? [],
    locale: picked?.locale ?? requested,
    isFallback: picked?.isFallback ?? true,
    wikidataId: row.wikidataId,
    version: row.version,
  });
}
