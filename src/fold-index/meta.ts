/**
 * The fold index's `meta` table (schema.ts): small named values (the origin feeds are served from,
 * the publish bookkeeping, the last polling cycle). One copy of its reads and writes.
 */

export function getMeta(sql: SqlStorage, key: string): string | undefined {
  return sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
}

export function setMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    key,
    value,
  );
}

/** A `meta` value holding JSON, parsed; undefined when absent. */
export function readMetaJson<T>(sql: SqlStorage, key: string): T | undefined {
  const raw = getMeta(sql, key);
  return raw === undefined ? undefined : (JSON.parse(raw) as T);
}
