import {
  type MatchFeatures,
  type PackedFeatures,
  packFeatures,
  unpackFeatures,
} from "../fold/match-features";
import { edgeLineKeys } from "../fold/match-text";
import { type FoldLookup, isGlobalId, LEARN_MIN_STORIES } from "./fold-decision";
import type { IncomingCopy } from "./incoming-copy";
import { valuesList } from "./key-list";

/**
 * The near-duplicate part of the fold index in SQLite (tables in schema.ts NEAR_MIGRATIONS):
 * the FoldLookup the decision reads, and the writes that follow it. Synchronous, like the rest
 * of the transaction.
 */

function one(sql: SqlStorage, query: string, ...binds: (string | number)[]): string | undefined {
  return sql.exec<{ story_id: string }>(query, ...binds).toArray()[0]?.story_id;
}

/** The FoldLookup over the fold index's tables; `since` is the start of the candidate window. */
export function sqlFoldLookup(sql: SqlStorage, since: string): FoldLookup {
  return {
    storyByUrl: (urlKey) => one(sql, "SELECT story_id FROM urls WHERE url_key = ?", urlKey),
    // Through the story the URL names (a primary-key prefix of its copies), not a scan of the
    // source's entries: a source's earlier item under this URL is a copy of that story, unless
    // the URL is already known to name a page ('').
    sourceHasUrl: (sourceId, urlKey) =>
      sql
        .exec(
          `SELECT 1 FROM urls u WHERE u.url_key = ?1 AND (u.story_id = '' OR EXISTS (SELECT 1 FROM copies c
             WHERE c.story_id = u.story_id AND c.source_id = ?2 AND c.url_key = ?1))`,
          urlKey,
          sourceId,
        )
        .toArray().length > 0,
    storyByGlobalId: (itemKey) => one(sql, "SELECT story_id FROM near_ids WHERE item_key = ?", itemKey),
    storyByFingerprint: (fp) => one(sql, "SELECT story_id FROM fingerprints WHERE fp = ?", fp),
    candidateStories(bands, limit) {
      if (bands.length === 0) return [];
      // One MATCH of the copy's bands OR'ed (schema.ts, near_band_index): a row read per copy
      // sharing a band, and one for its `near_copies` row (story, time, band list). A story's hits
      // are the bands it shares with any of its copies, counted once, as MemoryFold counts them.
      const wanted = new Set(bands);
      const rows = sql
        .exec<{ story_id: string; bands: string }>(
          `SELECT c.story_id, c.bands FROM near_band_index f JOIN near_copies c ON c.id = f.rowid
           WHERE near_band_index MATCH ? AND c.at >= ?`,
          bandQuery(wanted),
          since,
        )
        .toArray();
      const shared = new Map<string, Set<number>>();
      for (const row of rows) {
        const hits = shared.get(row.story_id) ?? new Set<number>();
        for (const band of JSON.parse(row.bands) as number[]) if (wanted.has(band)) hits.add(band);
        shared.set(row.story_id, hits);
      }
      return [...shared]
        .map(([storyId, hits]) => [storyId, hits.size] as const)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, limit)
        .map(([storyId]) => storyId);
    },
    storedFeatures: (storyId) =>
      sql
        .exec<{ features: string }>("SELECT features FROM near_copies WHERE story_id = ?", storyId)
        .toArray()
        .map((r) => unpackFeatures(JSON.parse(r.features) as PackedFeatures)),
    refusedStories(keys) {
      if (keys.length === 0) return new Set();
      // A row read per split found, none per key without one (key-list.ts).
      const rows = sql
        .exec<{ story_id: string }>(
          `SELECT s.story_id FROM ${valuesList(keys.length)} AS k JOIN near_splits s ON s.key = k.column1`,
          ...keys,
        )
        .toArray();
      return new Set(rows.map((r) => r.story_id));
    },
  };
}

/** What a copy's decision produced that the near tables keep. */
export interface NearRecord {
  storyId: string;
  urlKey: string;
  fingerprint?: string;
  features: MatchFeatures;
  bands: readonly number[];
}

/** A copy's band keys as stored in its `near_copies` row: distinct, ascending, as JSON. */
export function bandList(bands: readonly number[]): string {
  return JSON.stringify([...new Set(bands)].sort((a, b) => a - b));
}

/**
 * The FTS5 query for any of these band keys. The band list's JSON text is the copy's document
 * in the band index: with the ascii tokenizer each key's decimal digits are one token.
 */
export function bandQuery(bands: Iterable<number>): string {
  return [...bands].map((band) => `"${band}"`).join(" OR ");
}

type NearCopyRow = {
  id: number;
  at: string;
  fp: string | null;
  features: string;
  bands: string;
};

/**
 * Stores a copy's features and bands (for later candidates), and its global id. A new copy costs
 * three row writes: its `near_copies` row and unique-index entry, and one document in the band
 * index (schema.ts NEAR_MIGRATIONS, third migration). The copy keeps its `at` (when it was first
 * stored): an update replaces the features, and the band index document only when the bands
 * changed, and does not renew the copy's place in the candidate window. An update that changes
 * nothing the near tables keep writes nothing.
 */
export function recordNearCopy(sql: SqlStorage, copy: IncomingCopy, record: NearRecord, now: string): void {
  if (record.bands.length > 0) storeNearFeatures(sql, record, now);
  if (isGlobalId(copy.itemKey)) {
    sql.exec(
      "INSERT OR IGNORE INTO near_ids (item_key, story_id) VALUES (?, ?)",
      copy.itemKey,
      record.storyId,
    );
  }
}

function storeNearFeatures(sql: SqlStorage, record: NearRecord, now: string): void {
  const { storyId, urlKey } = record;
  const fp = record.fingerprint ?? null;
  const features = JSON.stringify(packFeatures(record.features));
  const bands = bandList(record.bands);
  const old = sql
    .exec<NearCopyRow>(
      "SELECT id, at, fp, features, bands FROM near_copies WHERE story_id = ? AND url_key = ?",
      storyId,
      urlKey,
    )
    .toArray()[0];
  if (!old) {
    const { id } = sql
      .exec<{ id: number }>(
        `INSERT INTO near_copies (story_id, url_key, at, fp, features, bands) VALUES (?, ?, ?, ?, ?, ?)
         RETURNING id`,
        storyId,
        urlKey,
        now,
        fp,
        features,
        bands,
      )
      .one();
    sql.exec("INSERT INTO near_band_index (rowid, bands) VALUES (?, ?)", id, bands);
    return;
  }
  if (old.fp === fp && old.features === features && old.bands === bands) return;
  sql.exec(
    "UPDATE near_copies SET fp = ?, features = ?, bands = ? WHERE id = ?",
    fp,
    features,
    bands,
    old.id,
  );
  if (old.bands !== bands) sql.exec("UPDATE near_band_index SET bands = ? WHERE rowid = ?", bands, old.id);
}

/**
 * Moves a copy's features and bands to another story (an operator's split, a merge): its
 * `near_copies` row names the new story; its band index document stays (it is keyed by the
 * copy's `id`). Returns the copy's exact fingerprint, if it has features stored.
 */
export function moveNearCopy(
  sql: SqlStorage,
  storyId: string,
  urlKey: string,
  newId: string,
): string | undefined {
  const row = sql
    .exec<{ fp: string | null }>(
      "UPDATE near_copies SET story_id = ? WHERE story_id = ? AND url_key = ? RETURNING fp",
      newId,
      storyId,
      urlKey,
    )
    .toArray()[0];
  return row ? (row.fp ?? undefined) : undefined;
}

/** Deletes a copy's features and bands (a merge whose survivor already holds that page's). */
export function dropNearCopy(sql: SqlStorage, storyId: string, urlKey: string): void {
  const row = sql
    .exec<{ id: number }>(
      "DELETE FROM near_copies WHERE story_id = ? AND url_key = ? RETURNING id",
      storyId,
      urlKey,
    )
    .toArray()[0];
  if (row) sql.exec("DELETE FROM near_band_index WHERE rowid = ?", row.id);
}

/**
 * Counts the edge lines of a copy that started a story: the source's history of its template. A
 * line already learned (counted LEARN_MIN_STORIES times) is not written again: it stays learned
 * (expiry keeps it), so counting further would cost a row write per story and change nothing.
 */
export function recordEdgeLines(
  sql: SqlStorage,
  copy: IncomingCopy,
  now: string,
  keys: string[] = edgeLineKeys(copy.lines),
): void {
  if (keys.length === 0) return;
  sql.exec(
    `INSERT INTO near_lines (source_id, key, count, last_seen)
     SELECT ?, k.column1, 1, ? FROM ${valuesList(keys.length)} AS k WHERE true
     ON CONFLICT(source_id, key) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen
     WHERE count < ?`,
    copy.source.id,
    now,
    ...keys,
    LEARN_MIN_STORIES,
  );
}

/**
 * The copy's edge lines that are its source's template: seen at the ends of at least
 * LEARN_MIN_STORIES of the source's stories, counting the stored history and the new copies of
 * this batch (`batchCounts`, which include this copy).
 */
export function learnedLinesOf(
  sql: SqlStorage,
  copy: IncomingCopy,
  batchCounts: ReadonlyMap<string, number> | undefined,
  keys: string[] = edgeLineKeys(copy.lines),
): Set<string> {
  const learned = new Set<string>();
  if (keys.length === 0) return learned;
  const history = new Map(
    sql
      .exec<{ key: string; count: number }>(
        `SELECT n.key, n.count FROM ${valuesList(keys.length)} AS k
         JOIN near_lines n ON n.source_id = ? AND n.key = k.column1`,
        ...keys,
        copy.source.id,
      )
      .toArray()
      .map((r) => [r.key, r.count]),
  );
  for (const key of keys) {
    if ((history.get(key) ?? 0) + (batchCounts?.get(key) ?? 0) >= LEARN_MIN_STORIES) learned.add(key);
  }
  return learned;
}

/** Expiry runs at most this often: it scans template lines, and the window moves slowly. */
const EXPIRE_EVERY_MS = 3_600_000;

/**
 * Drops what is older than the candidate window (bands, features, one-off template lines), at
 * most once an hour.
 */
export function expireNear(sql: SqlStorage, since: string, now: string): void {
  const last = sql
    .exec<{ value: string }>("SELECT value FROM meta WHERE key = 'near_expired_at'")
    .toArray()[0]?.value;
  if (last !== undefined && Date.parse(now) - Date.parse(last) < EXPIRE_EVERY_MS) return;
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('near_expired_at', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    now,
  );
  // Copies are numbered in order of arrival, so the expired ones come first: walked by `id` up to
  // the first copy still in the window (rows read: the expired ones and one more). A copy stored
  // under an earlier clock than its predecessor waits for a later pass; candidates are filtered
  // by `at` anyway.
  const bound =
    sql
      .exec<{ id: number }>("SELECT id FROM near_copies WHERE at >= ? ORDER BY id LIMIT 1", since)
      .toArray()[0]?.id ?? Number.MAX_SAFE_INTEGER;
  sql.exec(
    "DELETE FROM near_band_index WHERE rowid IN (SELECT id FROM near_copies WHERE id < ? AND at < ?)",
    bound,
    since,
  );
  sql.exec("DELETE FROM near_copies WHERE id < ? AND at < ?", bound, since);
  sql.exec("DELETE FROM near_lines WHERE count < ? AND last_seen < ?", LEARN_MIN_STORIES, since);
}
