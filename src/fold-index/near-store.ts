import {
  type MatchFeatures,
  type PackedFeatures,
  packFeatures,
  unpackFeatures,
} from "../fold/match-features";
import { edgeLineKeys } from "../fold/match-text";
import { type FoldLookup, isGlobalId, LEARN_MIN_STORIES } from "./fold-decision";
import type { IncomingCopy } from "./incoming-copy";

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
    storyByGlobalId: (itemKey) => one(sql, "SELECT story_id FROM near_ids WHERE item_key = ?", itemKey),
    storyByFingerprint: (fp) => one(sql, "SELECT story_id FROM fingerprints WHERE fp = ?", fp),
    candidateStories(bands, limit) {
      if (bands.length === 0) return [];
      const marks = bands.map(() => "?").join(",");
      return sql
        .exec<{ story_id: string }>(
          `SELECT story_id, COUNT(*) AS hits FROM near_bands WHERE band IN (${marks}) AND at >= ?
           GROUP BY story_id ORDER BY hits DESC, story_id LIMIT ?`,
          ...bands,
          since,
          limit,
        )
        .toArray()
        .map((r) => r.story_id);
    },
    storedFeatures: (storyId) =>
      sql
        .exec<{ features: string }>("SELECT features FROM near_copies WHERE story_id = ?", storyId)
        .toArray()
        .map((r) => unpackFeatures(JSON.parse(r.features) as PackedFeatures)),
    refusedStories(keys) {
      if (keys.length === 0) return new Set();
      const marks = keys.map(() => "?").join(",");
      const rows = sql
        .exec<{ story_id: string }>(`SELECT story_id FROM near_splits WHERE key IN (${marks})`, ...keys)
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

/** Stores a copy's features and bands (for later candidates), and its global id. */
export function recordNearCopy(sql: SqlStorage, copy: IncomingCopy, record: NearRecord, now: string): void {
  if (record.bands.length > 0) {
    sql.exec(
      `INSERT INTO near_copies (story_id, url_key, at, fp, features) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(story_id, url_key) DO UPDATE SET fp = excluded.fp, features = excluded.features`,
      record.storyId,
      record.urlKey,
      now,
      record.fingerprint ?? null,
      JSON.stringify(packFeatures(record.features)),
    );
    sql.exec("DELETE FROM near_bands WHERE story_id = ? AND url_key = ?", record.storyId, record.urlKey);
    // One statement for all bands: a statement costs more than the rows it writes.
    sql.exec(
      "INSERT INTO near_bands (band, story_id, url_key, at) SELECT DISTINCT value, ?, ?, ? FROM json_each(?)",
      record.storyId,
      record.urlKey,
      now,
      JSON.stringify(record.bands),
    );
  }
  if (isGlobalId(copy.itemKey)) {
    sql.exec(
      "INSERT OR IGNORE INTO near_ids (item_key, story_id) VALUES (?, ?)",
      copy.itemKey,
      record.storyId,
    );
  }
}

/** Counts the edge lines of a copy that started a story: the source's history of its template. */
export function recordEdgeLines(sql: SqlStorage, copy: IncomingCopy, now: string): void {
  const keys = edgeLineKeys(copy.lines);
  if (keys.length === 0) return;
  sql.exec(
    `INSERT INTO near_lines (source_id, key, count, last_seen) SELECT ?, value, 1, ? FROM json_each(?) WHERE true
     ON CONFLICT(source_id, key) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`,
    copy.source.id,
    now,
    JSON.stringify(keys),
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
): Set<string> {
  const keys = edgeLineKeys(copy.lines);
  const learned = new Set<string>();
  if (keys.length === 0) return learned;
  const marks = keys.map(() => "?").join(",");
  const history = new Map(
    sql
      .exec<{ key: string; count: number }>(
        `SELECT key, count FROM near_lines WHERE source_id = ? AND key IN (${marks})`,
        copy.source.id,
        ...keys,
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
  sql.exec("DELETE FROM near_bands WHERE at < ?", since);
  sql.exec("DELETE FROM near_copies WHERE at < ?", since);
  sql.exec("DELETE FROM near_lines WHERE count < ? AND last_seen < ?", LEARN_MIN_STORIES, since);
}
