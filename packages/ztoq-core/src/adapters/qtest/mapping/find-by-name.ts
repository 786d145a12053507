/**
 * Finds the item called `name`: the exact spelling first, then ignoring case, so that `High`
 * wins over `HIGH` when a target has both. The first of several equal candidates wins, which
 * keeps the choice stable for the same settings.
 */
export function findByName<T>(items: readonly T[], name: string, nameOf: (item: T) => string): T | undefined {
  const exact = items.find((item) => nameOf(item) === name);
  if (exact !== undefined) return exact;
  const folded = name.toLowerCase();
  return items.find((item) => nameOf(item).toLowerCase() === folded);
}

/** A record's value by key, exact key first, then ignoring case (mapping files are typed by hand). */
export function lookupByName<V>(record: Record<string, V> | undefined, name: string): V | undefined {
  if (record === undefined) return undefined;
  if (Object.hasOwn(record, name)) return record[name];
  const key = findByName(Object.keys(record), name, (candidate) => candidate);
  return key === undefined ? undefined : record[key];
}
