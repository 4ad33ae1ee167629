/** Orders batch results as DataLoader requires: one entry per key, in key order. */
export function byKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

export function groupByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

/** loadMany that fails like load() does and drops keys that found nothing (e.g. no longer published). */
export async function loadPresent<K, V>(loader: { loadMany(keys: readonly K[]): Promise<(V | null | Error)[]> }, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  const failed = values.find((v) => v instanceof Error);
  if (failed) throw failed;
  return values.filter((v): v is V => v !== null);
}
