/**
 * The change log behind `/feed.json?changed_since=`: one row per story holding the position of
 * its latest change, and for a story absorbed by a merge the survivor's id (a tombstone).
 *
 * A position (`seq`) is one more than the highest held, taken in the same synchronous transaction
 * as the change, so positions strictly increase across all changes and a cursor ("everything
 * after position N") is exact. A story that changes again takes a new, higher position: a client
 * walking the log sees it again later, which is what a sync needs. Rows are never deleted
 * (tombstones stay, so a client that syncs rarely still learns of a merge); the table holds at
 * most one row per story ever created. Like Miniflux's `changed_after`, but by position rather
 * than time, so two changes in one millisecond cannot hide each other.
 */
import type { Story } from "../story";
import type { ChangePage, StoryChange } from "../view/changes-view";
import { chunked, MAX_PARAMS, valuesList } from "./key-list";

/**
 * Migrations of the "changes" module (see schema.ts `migrate`). The first one gives the stories
 * already held a position each, oldest first, so `changed_since=0` walks every story.
 */
export const CHANGE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE story_changes (
     story_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, merged_into TEXT) WITHOUT ROWID;
   CREATE INDEX story_changes_by_seq ON story_changes (seq);
   INSERT INTO story_changes (story_id, seq)
     SELECT id, ROW_NUMBER() OVER (ORDER BY sort_date, id) FROM stories;`,
  // A story's dirty mark (fold-batch.ts markDirty) takes the position of its change instead of a
  // counter of its own in `meta` (one row write less per change). Marks held are renumbered
  // likewise, so no mark made after this keeps a lower position than one made before.
  `UPDATE dirty SET seq = COALESCE((SELECT c.seq FROM story_changes c WHERE c.story_id = dirty.story_id), 0);
   DELETE FROM meta WHERE key = 'dirty_seq';`,
];

function nextSeq(sql: SqlStorage): number {
  return sql.exec<{ seq: number }>("SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM story_changes").one().seq;
}

/**
 * Records that a story was created or changed, and returns the change's position (its dirty mark
 * takes it too). A tombstone stays one (its survivor is kept).
 */
export function recordChange(sql: SqlStorage, storyId: string): number {
  const seq = nextSeq(sql);
  sql.exec(
    `INSERT INTO story_changes (story_id, seq) VALUES (?, ?)
     ON CONFLICT(story_id) DO UPDATE SET seq = excluded.seq`,
    storyId,
    seq,
  );
  return seq;
}

/** Records that `absorbedId` was merged into `survivorId`: it appears once more, as a tombstone. */
export function recordMerge(sql: SqlStorage, absorbedId: string, survivorId: string): void {
  sql.exec(
    `INSERT INTO story_changes (story_id, seq, merged_into) VALUES (?, ?, ?)
     ON CONFLICT(story_id) DO UPDATE SET seq = excluded.seq, merged_into = excluded.merged_into`,
    absorbedId,
    nextSeq(sql),
    survivorId,
  );
}

export type { ChangePage, StoryChange };

interface ChangeRow extends Record<string, SqlStorageValue> {
  story_id: string;
  seq: number;
  merged_into: string | null;
  doc: string | null;
}

/** The changes after position `after`, oldest first: `limit + 1` log rows and their stories read. */
export function listChanges(sql: SqlStorage, after: number, limit: number): ChangePage {
  const rows = sql
    .exec<ChangeRow>(
      `SELECT c.story_id, c.seq, c.merged_into, s.doc FROM story_changes c
       LEFT JOIN stories s ON s.id = c.story_id AND c.merged_into IS NULL
       WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
      after,
      limit + 1,
    )
    .toArray();
  const page = rows.slice(0, limit);
  const changes: StoryChange[] = [];
  for (const row of page) {
    if (row.merged_into !== null) {
      changes.push({ kind: "merged", id: row.story_id, mergedInto: row.merged_into });
    } else if (row.doc) {
      changes.push({ kind: "story", story: JSON.parse(row.doc) as Story });
    }
    // A row without a story and without a survivor (not made by this code) is passed over.
  }
  const last = page[page.length - 1];
  return { changes, cursor: last === undefined ? after : last.seq, more: rows.length > limit };
}

/** How many of the latest changes are looked at for a view's stories before looking them up. */
const RECENT_CHANGES = 8;

/**
 * The position a view of these stories syncs from: the latest change among them, since each is
 * shown as of that change or later, and any later change takes a higher position. A view without
 * stories syncs from the latest change of all.
 */
export function syncPositionOf(sql: SqlStorage, storyIds: readonly string[]): number {
  if (storyIds.length === 0) {
    return sql.exec<{ seq: number }>("SELECT COALESCE(MAX(seq), 0) AS seq FROM story_changes").one().seq;
  }
  // The latest changes first (the seq index), stopping at the first of the view's stories: that
  // is the latest change among them, a row read per change passed. A new story, the usual reason
  // for a publish, is the first row, where looking up every story of the first page read two
  // rows per story.
  const ids = [...new Set(storyIds)];
  if (ids.length < MAX_PARAMS) {
    const latest = sql
      .exec<{ seq: number }>(
        `SELECT seq FROM (SELECT story_id, seq FROM story_changes ORDER BY seq DESC LIMIT ?)
         WHERE story_id IN (${ids.map(() => "?").join(", ")}) LIMIT 1`,
        RECENT_CHANGES,
        ...ids,
      )
      .toArray()[0];
    if (latest !== undefined) return latest.seq;
  }
  // None of them changed lately: each one's position, a row read per story (key-list.ts).
  let position = 0;
  for (const chunk of chunked(ids, MAX_PARAMS)) {
    const seq = sql
      .exec<{ seq: number }>(
        `SELECT COALESCE(MAX(c.seq), 0) AS seq FROM ${valuesList(chunk.length)} AS k
         JOIN story_changes c ON c.story_id = k.column1`,
        ...chunk,
      )
      .one().seq;
    position = Math.max(position, seq);
  }
  return position;
}
