import DataLoader from "dataloader";

/**
 * A per-request loader of one row per key: `fetch` reads the rows for a batch of keys in one
 * statement, `keyOf` names each row's key; answers come back in key order, null where no row has it.
 */
export function loaderByKey<K, V>(fetch: (keys: K[]) => Promise<readonly V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch([...keys]);
    const byKey = new Map<K, V>();
    for (const row of rows) if (!byKey.has(keyOf(row))) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * A per-request loader of the rows that belong to each key (a parent's children): `fetch` reads the
 * rows for a batch of keys in one statement, `groupOf` names the key each row belongs to; each key
 * gets its rows in the order `fetch` gave them, or none.
 */
export function loaderOfGroups<K, V>(
  fetch: (keys: K[]) => Promise<readonly V[]>,
  groupOf: (row: V) => K | null | undefined,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch([...keys]);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const key = groupOf(row);
      if (key == null) continue;
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
