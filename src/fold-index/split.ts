import { sha256HexSync } from "../fold/sha256";
import { freeStoryId, markDirty, recomposeStory } from "./fold-batch";
import type { StoredCopy } from "./incoming-copy";
import { moveNearCopy } from "./near-store";

/** Which copy of a story an operator detaches: its item id (and source id when ambiguous) or its URL. */
export interface SplitTarget {
  copy?: string;
  source?: string;
  url?: string;
}

export type SplitResult =
  | { kind: "split"; storyId: string; newStoryId: string; copyId: string }
  | { kind: "no-story" }
  | { kind: "no-copy"; detail: string }
  | { kind: "only-copy" };

type CopyRow = {
  url_key: string;
  source_id: string;
  item_key: string;
  doc: string;
};

function pickCopy(rows: CopyRow[], target: SplitTarget): CopyRow | string {
  const matches = rows.filter((row) => {
    const doc = JSON.parse(row.doc) as StoredCopy;
    if (target.source !== undefined && row.source_id !== target.source) return false;
    if (target.copy !== undefined && doc.id !== target.copy && row.item_key !== target.copy) return false;
    if (target.url !== undefined && doc.url !== target.url && row.url_key !== target.url) return false;
    return true;
  });
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) return "the story has no copy with this id, source or url";
  return "several copies match: name the copy's source as well";
}

/**
 * Detaches one copy from a story (an operator undoing a wrong fold): the copy, its entries, URL,
 * global id, near-duplicate features and (when no other copy shares it) its exact fingerprint
 * move to a new story, and the split is remembered so the copy never folds back into the story.
 * Synchronous: the caller runs it in one transaction.
 */
export function splitCopy(sql: SqlStorage, storyId: string, target: SplitTarget, now: string): SplitResult {
  const rows = sql
    .exec<CopyRow>("SELECT url_key, source_id, item_key, doc FROM copies WHERE story_id = ?", storyId)
    .toArray();
  if (rows.length === 0) return { kind: "no-story" };
  const picked = pickCopy(rows, target);
  if (typeof picked === "string") return { kind: "no-copy", detail: picked };
  if (rows.length < 2) return { kind: "only-copy" };

  const urlKey = picked.url_key;
  const newId = freeStoryId(
    sql,
    sha256HexSync(`story\n${picked.source_id}\n${picked.item_key}`).slice(0, 20),
  );
  // The copies of the same page go together (another feed's item of that page, a scraped push),
  // unless they are all the story has: then only the named copy leaves.
  const samePage = urlKey.startsWith("entry:") ? [picked] : rows.filter((r) => r.url_key === urlKey);
  const pageMoves = samePage.length < rows.length;
  const moving = pageMoves ? samePage : [picked];
  for (const row of moving) {
    const doc = JSON.parse(row.doc) as StoredCopy;
    const moved: StoredCopy =
      row === picked
        ? { ...doc, match: "first", score: undefined }
        : { ...doc, match: "same-url", score: undefined };
    sql.exec(
      "UPDATE copies SET story_id = ?, doc = ? WHERE story_id = ? AND source_id = ? AND item_key = ?",
      newId,
      JSON.stringify(moved),
      storyId,
      row.source_id,
      row.item_key,
    );
    sql.exec(
      "UPDATE entries SET story_id = ? WHERE source_id = ? AND item_key = ?",
      newId,
      row.source_id,
      row.item_key,
    );
    sql.exec(
      "UPDATE near_ids SET story_id = ? WHERE story_id = ? AND item_key = ?",
      newId,
      storyId,
      row.item_key,
    );
  }
  let fp: string | undefined;
  if (pageMoves) {
    sql.exec("UPDATE urls SET story_id = ? WHERE story_id = ? AND url_key = ?", newId, storyId, urlKey);
    fp = moveNearCopy(sql, storyId, urlKey, newId);
    if (fp) {
      const shared = sql
        .exec<{ n: number }>(
          "SELECT COUNT(*) AS n FROM near_copies WHERE story_id = ? AND fp = ?",
          storyId,
          fp,
        )
        .one().n;
      if (shared === 0) {
        sql.exec("UPDATE fingerprints SET story_id = ? WHERE story_id = ? AND fp = ?", newId, storyId, fp);
      }
    }
  }
  sql.exec(
    "INSERT INTO stories (id, sort_date, fingerprint, doc) VALUES (?, ?, ?, '')",
    newId,
    now,
    fp ?? null,
  );
  const keys = new Set(moving.map((e) => `entry:${e.source_id}:${e.item_key}`));
  if (pageMoves && !urlKey.startsWith("entry:")) keys.add(urlKey);
  for (const key of keys) {
    sql.exec("INSERT OR IGNORE INTO near_splits (key, story_id) VALUES (?, ?)", key, storyId);
  }
  const doc = JSON.parse(picked.doc) as StoredCopy;
  for (const id of [storyId, newId]) {
    if (recomposeStory(sql, id, now)) markDirty(sql, id);
  }
  return { kind: "split", storyId, newStoryId: newId, copyId: doc.id };
}
