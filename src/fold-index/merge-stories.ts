import { recordMerge } from "./change-log";
import { copyKeys, isGlobalId } from "./fold-decision";
import type { StoredCopy } from "./incoming-copy";
import { dropNearCopy, moveNearCopy } from "./near-store";

/**
 * Story merges: when a new copy shows that stories the fold index kept apart are one article (it
 * verifies against each, and their own texts agree: fold-decision.ts), they become one story,
 * the one created first. Synchronous, inside the fold's transaction, like every fold decision:
 * two concurrent ingests cannot both merge, or merge and fold beside each other.
 *
 * The absorbed story's copies, entries, URL, id and fingerprint rows, near-duplicate features and
 * split memory move to the survivor; its copies say `match: "merge"`; its row leaves `stories`
 * (and so every feed and view) and `merges` keeps where it went, so its id keeps answering.
 */

type CopyRow = { source_id: string; item_key: string; url_key: string; doc: string };

export interface MergeOutcome {
  survivor: string;
  absorbed: string[];
}

/**
 * Merges `storyIds` (the first is the story the copy matched best) into the one created first,
 * except a story an operator split from one already merged, which stays apart.
 */
export function mergeStories(sql: SqlStorage, storyIds: readonly string[], now: string): MergeOutcome {
  const unique = [...new Set(storyIds)];
  const marks = unique.map(() => "?").join(",");
  // rowid grows with each insert: the first row is the story created first.
  const byAge = sql
    .exec<{ id: string }>(`SELECT id FROM stories WHERE id IN (${marks}) ORDER BY rowid`, ...unique)
    .toArray()
    .map((r) => r.id);
  const survivor = byAge[0] ?? unique[0]!;
  const absorbed: string[] = [];
  for (const id of byAge.slice(1)) {
    if (splitApart(sql, survivor, id)) continue;
    absorbStory(sql, id, survivor, now);
    absorbed.push(id);
  }
  return { survivor, absorbed };
}

/** The story an absorbed id now lives in, if it was merged (ids of merges keep answering). */
export function mergedInto(sql: SqlStorage, id: string): string | undefined {
  return sql
    .exec<{ survivor_id: string }>("SELECT survivor_id FROM merges WHERE absorbed_id = ?", id)
    .toArray()[0]?.survivor_id;
}

function copyRows(sql: SqlStorage, storyId: string): CopyRow[] {
  return sql
    .exec<CopyRow>("SELECT source_id, item_key, url_key, doc FROM copies WHERE story_id = ?", storyId)
    .toArray();
}

function keysOf(rows: readonly CopyRow[]): string[] {
  return rows.flatMap((row) =>
    copyKeys({
      source: { id: row.source_id },
      itemKey: row.item_key,
      urlKey: row.url_key.startsWith("entry:") ? undefined : row.url_key,
    }),
  );
}

/** True when an operator split a copy of either story from the other: such a pair never merges. */
function splitApart(sql: SqlStorage, a: string, b: string): boolean {
  for (const [from, other] of [
    [a, b],
    [b, a],
  ] as const) {
    const keys = keysOf(copyRows(sql, from));
    if (keys.length === 0) continue;
    const marks = keys.map(() => "?").join(",");
    const hit = sql
      .exec(`SELECT 1 FROM near_splits WHERE story_id = ? AND key IN (${marks}) LIMIT 1`, other, ...keys)
      .toArray();
    if (hit.length > 0) return true;
  }
  return false;
}

function absorbStory(sql: SqlStorage, from: string, into: string, now: string): void {
  const rows = copyRows(sql, from);
  for (const row of rows) {
    const doc = { ...(JSON.parse(row.doc) as StoredCopy), match: "merge" as const };
    sql.exec(
      "UPDATE copies SET story_id = ?, doc = ? WHERE story_id = ? AND source_id = ? AND item_key = ?",
      into,
      JSON.stringify(doc),
      from,
      row.source_id,
      row.item_key,
    );
    sql.exec(
      "UPDATE entries SET story_id = ? WHERE source_id = ? AND item_key = ?",
      into,
      row.source_id,
      row.item_key,
    );
    if (!row.url_key.startsWith("entry:")) {
      sql.exec("UPDATE urls SET story_id = ? WHERE url_key = ? AND story_id = ?", into, row.url_key, from);
    }
    if (isGlobalId(row.item_key)) {
      sql.exec(
        "UPDATE near_ids SET story_id = ? WHERE item_key = ? AND story_id = ?",
        into,
        row.item_key,
        from,
      );
    }
  }
  for (const urlKey of new Set(rows.map((r) => r.url_key))) {
    const taken = sql
      .exec("SELECT 1 FROM near_copies WHERE story_id = ? AND url_key = ?", into, urlKey)
      .toArray().length;
    if (taken) dropNearCopy(sql, from, urlKey);
    else moveNearCopy(sql, from, urlKey, into);
  }
  // Scans: fingerprints and split marks have no index by story, and merges are rare.
  sql.exec("UPDATE fingerprints SET story_id = ? WHERE story_id = ?", into, from);
  sql.exec("UPDATE OR IGNORE near_splits SET story_id = ? WHERE story_id = ?", into, from);
  sql.exec("DELETE FROM near_splits WHERE story_id = ?", from);
  sql.exec("DELETE FROM stories WHERE id = ?", from);
  sql.exec("DELETE FROM dirty WHERE story_id = ?", from);
  sql.exec(
    `INSERT INTO merges (absorbed_id, survivor_id, at) VALUES (?, ?, ?)
     ON CONFLICT(absorbed_id) DO UPDATE SET survivor_id = excluded.survivor_id, at = excluded.at`,
    from,
    into,
    now,
  );
  // Ids absorbed earlier into `from` now point at the survivor: a redirect is one hop.
  sql.exec("UPDATE merges SET survivor_id = ? WHERE survivor_id = ?", into, from);
  // Apps syncing with ?changed_since= see the absorbed id once more, as a tombstone.
  recordMerge(sql, from, into);
}
