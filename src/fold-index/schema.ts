/**
 * The fold index's SQLite schema (Durable Object storage), as append-only migration lists, one
 * list per module so modules evolve their tables independently. Each list runs in order, once;
 * `meta` records how far each list has got (`schema_version:<module>`).
 *
 * The "fold" tables:
 * - `entries`: every (source, item) ever ingested and the copy it became; the "same source + same
 *   item id is an update" rule, and the content hash that makes a re-ingest `unchanged`.
 * - `copies`: the copies of each story, one per canonical URL (or per entry without a URL).
 * - `stories`: the composed story documents, ordered for the merged feed by (sort_date, id).
 * - `fingerprints`, `urls`: what a new copy is matched on.
 * - `dirty`: stories changed since the last publish to KV; `seq` lets a publish clear only
 *   what it wrote.
 */
export const FOLD_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sources (id TEXT PRIMARY KEY, doc TEXT NOT NULL, first_seen TEXT NOT NULL);
   CREATE TABLE entries (
     source_id TEXT NOT NULL, item_key TEXT NOT NULL, story_id TEXT NOT NULL, url_key TEXT NOT NULL,
     content_hash TEXT NOT NULL, PRIMARY KEY (source_id, item_key));
   CREATE TABLE copies (
     story_id TEXT NOT NULL, url_key TEXT NOT NULL, source_id TEXT NOT NULL, item_key TEXT NOT NULL,
     doc TEXT NOT NULL, PRIMARY KEY (story_id, url_key));
   CREATE TABLE stories (
     id TEXT PRIMARY KEY, sort_date TEXT NOT NULL, fingerprint TEXT, doc TEXT NOT NULL);
   CREATE INDEX stories_by_date ON stories (sort_date DESC, id DESC);
   CREATE TABLE fingerprints (fp TEXT PRIMARY KEY, story_id TEXT NOT NULL);
   CREATE TABLE urls (url_key TEXT PRIMARY KEY, story_id TEXT NOT NULL);
   CREATE TABLE dirty (story_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);`,
];

/** Runs the migrations of one module's list that this object has not run yet. Synchronous. */
export function migrate(sql: SqlStorage, module: string, migrations: readonly string[]): void {
  sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const key = `schema_version:${module}`;
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
  for (let version = row ? Number(row.value) : 0; version < migrations.length; version++) {
    sql.exec(migrations[version]!);
    sql.exec(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      key,
      String(version + 1),
    );
  }
}
