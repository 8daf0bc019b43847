/**
 * The fold index's SQLite schema (Durable Object storage). Migrations are append-only: each entry
 * runs once, in order, and `meta.schema_version` records how far a given object has got.
 *
 * - `entries`: every (source, item) ever ingested and the copy it became; the "same source + same
 *   item id is an update" rule, and the content hash that makes a re-ingest `unchanged`.
 * - `copies`: the copies of each story, one per canonical URL (or per entry without a URL).
 * - `stories`: the composed story documents, ordered for the merged feed by (sort_date, id).
 * - `fingerprints`, `urls`: what a new copy is matched on.
 * - `dirty`: stories changed since the last publish to KV; `seq` lets a publish clear only
 *   what it wrote.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE sources (id TEXT PRIMARY KEY, doc TEXT NOT NULL, first_seen TEXT NOT NULL);
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

/** Runs the migrations this object has not run yet. Synchronous: call it from the constructor. */
export function migrate(sql: SqlStorage): void {
  sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").toArray()[0];
  let version = row ? Number(row.value) : 0;
  for (; version < MIGRATIONS.length; version++) {
    const statements = MIGRATIONS[version]!.replace("CREATE TABLE meta ", "CREATE TABLE IF NOT EXISTS meta ");
    sql.exec(statements);
    sql.exec(
      "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      String(version + 1),
    );
  }
}
