/**
 * A value from a fixed table by a key the server chose: only the table's own entries count, so a key
 * like `toString` or `constructor` finds nothing instead of Object.prototype's function.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | null | undefined): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
