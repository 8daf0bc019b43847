/**
 * Looking rows up by a list of keys at the fewest rows read, as a Durable Object is billed for
 * them (the SQLite cursor's `rowsRead`). Measured in workerd (test/worker/fold/rows-read.test.ts):
 * `key IN (?, ?, …)` reads two rows per key, found or not, and `IN (SELECT value FROM json_each(?))`
 * three; the same keys as a `VALUES` list joined on the key read one row per row found and none
 * for a key that is absent. Not for FTS5 tables (fts5vocab): joined on a VALUES list, their
 * planner scans the whole vocabulary; look those up one key a statement.
 */

/** Bound parameters a Durable Object accepts in one statement. */
export const MAX_PARAMS = 100;

/** `(VALUES (?), (?), …)` for `count` keys: join it as `… AS k JOIN t ON t.key = k.column1`. */
export function valuesList(count: number): string {
  return `(VALUES ${Array.from({ length: count }, () => "(?)").join(", ")})`;
}

/** `items` in runs of at most `size` (so a statement keeps within MAX_PARAMS). */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}
