/**
 * The fold index's SQLite schema (Durable Object storage), as append-only migration lists, one
 * list per module so modules evolve their tables independently. Each list runs in order, once;
 * `meta` records how far each list has got (`schema_version:<module>`).
 *
 * The "fold" tables:
 * - `entries`: every (source, item) ever ingested and the copy it became; the "same source + same
 *   item id is an update" rule, and the content hash that makes a re-ingest `unchanged`.
 * - `copies`: the copies of each story, one per entry (source, item): every accepted item is listed.
 * - `merges`: stories absorbed into an older one when later evidence showed they are one.
 * - `stories`: the composed story documents, ordered for the merged feed by (sort_date, id).
 * - `fingerprints`, `urls`: what a new copy is matched on (a `urls` row whose story is '' names a
 *   page that one source gave several items of: the URL does not name one article there).
 * - `dirty`: stories changed since the last publish to KV; `seq` (the story's position in the
 *   change log, change-log.ts) lets a publish clear only what it wrote.
 *
 * Since the third migration `entries`, `fingerprints`, `urls` and `dirty` are WITHOUT ROWID: an
 * insert is one row written, not two. `stories` keeps its rowid (merges keep the story created
 * first by it) and `stories_by_date` (the feeds' order): three rows per new story.
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
  // Nothing lost: one copy row per entry (source, item), so two items of one page (a post of a
  // page named by its #fragment, a second feed of the same site) are both listed; and `merges`,
  // the stories absorbed into another (GET /items/{absorbed} answers 301 to the survivor).
  `CREATE TABLE copies_v2 (
     story_id TEXT NOT NULL, source_id TEXT NOT NULL, item_key TEXT NOT NULL, url_key TEXT NOT NULL,
     doc TEXT NOT NULL, PRIMARY KEY (story_id, source_id, item_key)) WITHOUT ROWID;
   INSERT INTO copies_v2 (story_id, source_id, item_key, url_key, doc)
     SELECT story_id, source_id, item_key, url_key, doc FROM copies;
   DROP TABLE copies;
   ALTER TABLE copies_v2 RENAME TO copies;
   CREATE TABLE merges (
     absorbed_id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;`,
  // One row write per insert instead of two: a rowid table with a TEXT primary key keeps the key
  // in a second b-tree (an index, billed as one more row written); WITHOUT ROWID keeps one.
  // (`dirty` takes its marks' positions from the change log since change-log.ts's second migration.)
  `CREATE TABLE entries_v2 (
     source_id TEXT NOT NULL, item_key TEXT NOT NULL, story_id TEXT NOT NULL, url_key TEXT NOT NULL,
     content_hash TEXT NOT NULL, PRIMARY KEY (source_id, item_key)) WITHOUT ROWID;
   INSERT INTO entries_v2 (source_id, item_key, story_id, url_key, content_hash)
     SELECT source_id, item_key, story_id, url_key, content_hash FROM entries;
   DROP TABLE entries;
   ALTER TABLE entries_v2 RENAME TO entries;
   CREATE TABLE fingerprints_v2 (fp TEXT PRIMARY KEY, story_id TEXT NOT NULL) WITHOUT ROWID;
   INSERT INTO fingerprints_v2 (fp, story_id) SELECT fp, story_id FROM fingerprints;
   DROP TABLE fingerprints;
   ALTER TABLE fingerprints_v2 RENAME TO fingerprints;
   CREATE TABLE urls_v2 (url_key TEXT PRIMARY KEY, story_id TEXT NOT NULL) WITHOUT ROWID;
   INSERT INTO urls_v2 (url_key, story_id) SELECT url_key, story_id FROM urls;
   DROP TABLE urls;
   ALTER TABLE urls_v2 RENAME TO urls;
   CREATE TABLE dirty_v2 (story_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO dirty_v2 (story_id, seq) SELECT story_id, seq FROM dirty;
   DROP TABLE dirty;
   ALTER TABLE dirty_v2 RENAME TO dirty;`,
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

/**
 * The "sources" tables (src/fold-index/source-registry.ts): `source_registry`, the feeds to poll
 * and their polling state (validators, body hash, errors, next fetch, the current claim).
 */
export const SOURCE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE source_registry (
     id TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT, categories TEXT NOT NULL DEFAULT '[]',
     origin TEXT NOT NULL, added_at INTEGER NOT NULL, gone INTEGER NOT NULL DEFAULT 0,
     etag TEXT, last_modified TEXT, body_hash TEXT,
     last_fetch_at INTEGER, last_status INTEGER, last_error TEXT, errors INTEGER NOT NULL DEFAULT 0,
     items_seen INTEGER NOT NULL DEFAULT 0, items_added INTEGER NOT NULL DEFAULT 0,
     interval_s INTEGER NOT NULL, next_fetch_at INTEGER NOT NULL, hold_until INTEGER NOT NULL DEFAULT 0,
     claim TEXT);
   CREATE INDEX source_registry_due ON source_registry (gone, next_fetch_at);`,
  // `discover`: added while its URL could not be fetched, so whether it is a feed or a page that
  // names one is still open; the next poll decides. `last_failure`: lastError's name (dns, …).
  `ALTER TABLE source_registry ADD COLUMN discover INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE source_registry ADD COLUMN last_failure TEXT;`,
  // The list in the order sources were added (GET /sources, the page's list) walks this index:
  // sorting the table instead read every row twice (a row read each going in and out of the
  // sorter). Written once per source added; polls never change `added_at`.
  "CREATE INDEX source_registry_by_added ON source_registry (added_at, id);",
];

/**
 * The "near" tables (src/fold-index/near-store.ts), for near-duplicate and summary folding:
 * - `near_copies`: each copy's match features (shingle windows, lines, numbers) for verification,
 *   with its exact fingerprint (for splits); `at` is when it was stored (the candidate window).
 * - `near_band_index` (until the third migration `near_bands`): the LSH band keys of each copy
 *   (fold/match-features.ts bandKeys), indexed, so finding candidates costs one index lookup per
 *   band whatever the number of stories.
 * - `near_ids`: global item ids (URLs, tag: URIs) → story, for the same-id rule across sources.
 * - `near_lines`: per source, how many of its stories had a line at their start or end: the
 *   learned template (boilerplate) of the source.
 * - `near_splits`: copies an operator split from a story (by URL key and entry key), so they
 *   never fold back into it.
 *
 * Rows written are what the fold index is billed for (each index a row is in counts as one more
 * row), so since the second migration every near table is WITHOUT ROWID with no index but its
 * primary key.
 *
 * Since the third migration a copy's 37 band keys are not 37 rows: `near_band_index` is a
 * contentless FTS5 table (detail=none, ascii tokens) whose document is the copy's band list (the
 * JSON `bands` text: its digits are the tokens) and whose rowid is the copy's `near_copies.id`.
 * Storing a copy is one billed row in it, deleting one is one; a candidate lookup is one MATCH of
 * the bands OR'ed, one row read per matching copy. `near_copies` has an integer rowid (`id`, which
 * grows with insertion, so expiry walks it oldest first without an index on `at`) and a unique
 * index on (story_id, url_key): a new copy writes 2 rows there and 1 in the band index, 3 in all
 * (39 before). What the FTS5 module writes into its own shadow tables (`near_band_index_data`,
 * `_idx`, `_docsize`, `_config`: a segment per transaction, merges, tombstones) is done by
 * statements of its own, which the Durable Object's row counts do not include: see the README,
 * "Costs", for what that is measured to be. Moving a copy to another story (a merge, a split)
 * changes its `near_copies` row only.
 */
export const NEAR_MIGRATIONS: readonly string[] = [
  `CREATE TABLE near_copies (
     story_id TEXT NOT NULL, url_key TEXT NOT NULL, at TEXT NOT NULL, fp TEXT, features TEXT NOT NULL,
     PRIMARY KEY (story_id, url_key));
   CREATE INDEX near_copies_at ON near_copies (at);
   CREATE TABLE near_bands (band INTEGER NOT NULL, story_id TEXT NOT NULL, url_key TEXT NOT NULL, at TEXT NOT NULL);
   CREATE INDEX near_bands_band ON near_bands (band, at);
   CREATE INDEX near_bands_copy ON near_bands (story_id, url_key);
   CREATE INDEX near_bands_at ON near_bands (at);
   CREATE TABLE near_ids (item_key TEXT PRIMARY KEY, story_id TEXT NOT NULL);
   CREATE TABLE near_lines (
     source_id TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, last_seen TEXT NOT NULL,
     PRIMARY KEY (source_id, key));
   CREATE TABLE near_splits (key TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (key, story_id));`,
  // One row write per band instead of four; band rows take their copy's `at` (an update no longer
  // renews them), and bands of copies already expired go (their features went before).
  `CREATE TABLE near_copies_v2 (
     story_id TEXT NOT NULL, url_key TEXT NOT NULL, at TEXT NOT NULL, fp TEXT, features TEXT NOT NULL,
     bands TEXT NOT NULL, PRIMARY KEY (story_id, url_key)) WITHOUT ROWID;
   INSERT INTO near_copies_v2 (story_id, url_key, at, fp, features, bands)
     SELECT c.story_id, c.url_key, c.at, c.fp, c.features,
       (SELECT json_group_array(band) FROM (SELECT DISTINCT b.band FROM near_bands b
          WHERE b.story_id = c.story_id AND b.url_key = c.url_key ORDER BY b.band))
     FROM near_copies c;
   DROP TABLE near_copies;
   ALTER TABLE near_copies_v2 RENAME TO near_copies;
   CREATE INDEX near_copies_at ON near_copies (at);
   CREATE TABLE near_bands_v2 (
     band INTEGER NOT NULL, at TEXT NOT NULL, story_id TEXT NOT NULL, url_key TEXT NOT NULL,
     PRIMARY KEY (band, at, story_id, url_key)) WITHOUT ROWID;
   INSERT OR IGNORE INTO near_bands_v2 (band, at, story_id, url_key)
     SELECT j.value, c.at, c.story_id, c.url_key FROM near_copies c, json_each(c.bands) j;
   DROP TABLE near_bands;
   ALTER TABLE near_bands_v2 RENAME TO near_bands;
   CREATE TABLE near_ids_v2 (item_key TEXT PRIMARY KEY, story_id TEXT NOT NULL) WITHOUT ROWID;
   INSERT INTO near_ids_v2 (item_key, story_id) SELECT item_key, story_id FROM near_ids;
   DROP TABLE near_ids;
   ALTER TABLE near_ids_v2 RENAME TO near_ids;
   CREATE TABLE near_lines_v2 (
     source_id TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, last_seen TEXT NOT NULL,
     PRIMARY KEY (source_id, key)) WITHOUT ROWID;
   INSERT INTO near_lines_v2 (source_id, key, count, last_seen)
     SELECT source_id, key, count, last_seen FROM near_lines;
   DROP TABLE near_lines;
   ALTER TABLE near_lines_v2 RENAME TO near_lines;
   CREATE TABLE near_splits_v2 (
     key TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (key, story_id)) WITHOUT ROWID;
   INSERT INTO near_splits_v2 (key, story_id) SELECT key, story_id FROM near_splits;
   DROP TABLE near_splits;
   ALTER TABLE near_splits_v2 RENAME TO near_splits;`,
  // Bands in an FTS5 index, one document per copy, instead of one row per band (see above).
  // Copies keep their order of arrival in `id` (oldest `at` first).
  `CREATE TABLE near_copies_v3 (
     id INTEGER PRIMARY KEY, story_id TEXT NOT NULL, url_key TEXT NOT NULL, at TEXT NOT NULL, fp TEXT,
     features TEXT NOT NULL, bands TEXT NOT NULL);
   INSERT INTO near_copies_v3 (story_id, url_key, at, fp, features, bands)
     SELECT story_id, url_key, at, fp, features, bands FROM near_copies ORDER BY at, story_id, url_key;
   DROP TABLE near_copies;
   ALTER TABLE near_copies_v3 RENAME TO near_copies;
   CREATE UNIQUE INDEX near_copies_copy ON near_copies (story_id, url_key);
   CREATE VIRTUAL TABLE near_band_index USING fts5(
     bands, content='', contentless_delete=1, detail=none, tokenize='ascii');
   INSERT INTO near_band_index (rowid, bands) SELECT id, bands FROM near_copies;
   DROP TABLE near_bands;`,
];
