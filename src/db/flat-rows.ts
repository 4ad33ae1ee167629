/**
 * Folds the rows of a parent ⋈ translation join (one row per language) into parents that each
 * carry their `translations`, in the order the parents first appear. Plain joins cost PostgreSQL
 * and Node far less than building and parsing nested JSON for every row.
 */
export function foldTranslations<F, P extends { id: number }, T>(
  rows: readonly F[],
  parentOf: (row: F) => P,
  translationOf: (row: F) => T | null,
): (P & { translations: T[] })[] {
  const parents = new Map<number, P & { translations: T[] }>();
  for (const row of rows) {
    const parent = parentOf(row);
    let folded = parents.get(parent.id);
    if (!folded) {
      folded = Object.assign(parent, { translations: [] as T[] });
      parents.set(parent.id, folded);
    }
    const translation = translationOf(row);
    if (translation) folded.translations.push(translation);
  }
  return [...parents.values()];
}
