/**
 * Related coverage in the fold index (issue 18): which stories report the same event. Separate
 * from folding: it never moves a copy. Computed synchronously in the transaction that changed a
 * story (a new story, a new canonical copy, a merge, a split), by the pure code of src/relate/.
 *
 * Tables (RELATED_MIGRATIONS, module "related"):
 * - `related_docs`: each story's salient terms (src/relate/salient-terms.ts) with their rarity
 *   when it was stored, its publication time, language and canonical source; `rid` is its row in
 *   the full-text index.
 * - `related_fts`: a contentless FTS5 index of those terms (each term hashed to one ASCII token),
 *   so a new story's candidates are one `MATCH` of its terms OR'ed, ranked by bm25, LIMIT
 *   MAX_CANDIDATES, whatever the number of stories; `related_vocab` (fts5vocab) gives the document
 *   count of the new story's terms, the rarity the score weighs terms by (a candidate's other terms
 *   keep the rarity they had when it was stored: one lookup per term of the new story only).
 *   The index keeps positions (FTS5's default `detail=full`): with `detail=none` bm25 cannot count
 *   a document's matches, ranks every match alike, and the LIMIT then keeps arbitrary candidates
 *   (measured: the fish-market fire and its rival report, 0.58 apart, never met).
 * - `related_pairs`: the relation, one row per direction, with its score.
 *
 * A story's document carries its `related` list (strongest first, at most MAX_RELATED), rewritten
 * (and marked for publishing) only when the list changes.
 */
import { type RelatedLink, type RelateSubject, rankRelated } from "../relate/rank-related";
import { idfOf, MAX_RELATED, type PairText, RELATED_MIN_SCORE, relatedScore } from "../relate/related-score";
import { DEFAULT_RELATED_WINDOW_HOURS } from "../relate/related-window";
import type { SalientTerms } from "../relate/salient-terms";
import { relateText, storyTerms } from "../relate/story-terms";
import type { RelatedStory, Story } from "../story";
import {
  candidatesOf,
  documentCounts,
  expireRelated,
  rarityOf,
  readDoc,
  removeFromIndex,
  storeTerms,
} from "./related-index";

export const RELATED_MIGRATIONS: readonly string[] = [
  `CREATE TABLE related_docs (
     rid INTEGER PRIMARY KEY, story_id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, lang TEXT NOT NULL,
     source TEXT, terms TEXT NOT NULL, idf TEXT NOT NULL);
   CREATE VIRTUAL TABLE related_fts USING fts5(terms, content='');
   CREATE VIRTUAL TABLE related_vocab USING fts5vocab(related_fts, 'row');
   CREATE TABLE related_pairs (
     story_id TEXT NOT NULL, other_id TEXT NOT NULL, score REAL NOT NULL,
     PRIMARY KEY (story_id, other_id)) WITHOUT ROWID;`,
];

export interface RelatedOptions {
  windowHours: number;
}

export const DEFAULT_RELATED_OPTIONS: RelatedOptions = { windowHours: DEFAULT_RELATED_WINDOW_HOURS };

function readStory(sql: SqlStorage, storyId: string): Story | undefined {
  const row = sql.exec<{ doc: string }>("SELECT doc FROM stories WHERE id = ?", storyId).toArray()[0];
  return row?.doc ? (JSON.parse(row.doc) as Story) : undefined;
}

function pairText(story: Story): PairText {
  return { title: story.title, text: relateText(story), source: story.copies[0]?.source.id };
}

/** Removes a story from the relation (a merge absorbed it); returns the stories it was related to. */
function forget(sql: SqlStorage, storyId: string): string[] {
  const doc = readDoc(sql, storyId);
  if (doc) removeFromIndex(sql, doc);
  return dropPairs(sql, storyId);
}

function dropPairs(sql: SqlStorage, storyId: string): string[] {
  const others = sql
    .exec<{ other_id: string }>("SELECT other_id FROM related_pairs WHERE story_id = ?", storyId)
    .toArray()
    .map((r) => r.other_id);
  for (const other of others) {
    sql.exec("DELETE FROM related_pairs WHERE story_id = ? AND other_id = ?", other, storyId);
  }
  if (others.length > 0) sql.exec("DELETE FROM related_pairs WHERE story_id = ?", storyId);
  return others;
}

/** Decides the related stories of one story and stores them; returns every story whose list changed. */
function relateOne(sql: SqlStorage, story: Story, windowMs: number, force: boolean): string[] {
  const terms = storyTerms(story);
  const stored =
    storeTerms(sql, story, terms) ??
    (force ? rarityOf(sql, terms.terms, { indexed: true, held: true }) : undefined);
  if (!stored) return [];
  const own = stored.rarity;
  const before = dropPairs(sql, story.id);
  const rows = candidatesOf(sql, story, terms, windowMs);
  const candidates: RelateSubject[] = rows.map((row) => ({
    id: row.story_id,
    at: Date.parse(row.at),
    terms: { lang: row.lang, terms: JSON.parse(row.terms) as SalientTerms["terms"] },
  }));
  // Screened first with a candidate's other terms at the rarity they had when it was stored (no
  // lookup); the few that come near the threshold are then scored with every term's rarity now.
  const stale = new Map(own);
  rows.forEach((row, k) => {
    const stored = JSON.parse(row.idf) as number[];
    candidates[k]!.terms.terms.forEach(([term], i) => {
      if (!stale.has(term)) stale.set(term, stored[i] ?? 1);
    });
  });
  const near = candidates.filter(
    (c) => relatedScore(terms, c.terms, (t) => stale.get(t) ?? 1).score >= RELATED_MIN_SCORE / 2,
  );
  const others = [...new Set(near.flatMap((c) => c.terms.terms.map(([t]) => t)))].filter((t) => !own.has(t));
  const counts = documentCounts(sql, others);
  // The stories held as the rarity of its own terms counted them (a row read less than asking again).
  const n = stored.held;
  const idf = (term: string) => own.get(term) ?? idfOf(counts.get(term) ?? 1, n);
  const texts = new Map<string, PairText>([[story.id, pairText(story)]]);
  const textOf = (id: string): PairText => {
    let text = texts.get(id);
    if (!text) {
      const other = readStory(sql, id);
      text = other ? pairText(other) : { text: "" };
      texts.set(id, text);
    }
    return text;
  };
  const links: RelatedLink[] = rankRelated(
    { id: story.id, terms, at: Date.parse(story.sortDate) },
    near,
    idf,
    windowMs,
    textOf,
  );
  for (const link of links) {
    sql.exec(
      "INSERT OR REPLACE INTO related_pairs (story_id, other_id, score) VALUES (?, ?, ?), (?, ?, ?)",
      story.id,
      link.id,
      link.score,
      link.id,
      story.id,
      link.score,
    );
  }
  return [story.id, ...before, ...links.map((l) => l.id)];
}

/** The related list a story shows: its strongest pairs whose stories still exist. */
function relatedList(sql: SqlStorage, storyId: string): RelatedStory[] {
  const pairs = sql
    .exec<{ other_id: string; score: number }>(
      "SELECT other_id, score FROM related_pairs WHERE story_id = ? ORDER BY score DESC, other_id LIMIT ?",
      storyId,
      MAX_RELATED,
    )
    .toArray();
  const list: RelatedStory[] = [];
  for (const pair of pairs) {
    const row = sql
      .exec<{ title: string | null; url: string | null }>(
        "SELECT json_extract(doc, '$.title') AS title, json_extract(doc, '$.url') AS url FROM stories WHERE id = ?",
        pair.other_id,
      )
      .toArray()[0];
    if (!row) continue;
    list.push({
      id: pair.other_id,
      title: row.title ?? undefined,
      url: row.url ?? undefined,
      score: pair.score,
    });
  }
  return list;
}

/** Rewrites a story's `related` list when it changed; true when it did. */
function refreshList(sql: SqlStorage, storyId: string): boolean {
  const story = readStory(sql, storyId);
  if (!story) return false;
  const list = relatedList(sql, storyId);
  const next = list.length > 0 ? list : undefined;
  if (JSON.stringify(story.related) === JSON.stringify(next)) return false;
  const updated: Story = { ...story, related: next };
  if (next === undefined) delete updated.related;
  sql.exec("UPDATE stories SET doc = ? WHERE id = ?", JSON.stringify(updated), storyId);
  return true;
}

/**
 * Recomputes related coverage after a fold, a merge or a split, in the caller's transaction:
 * `absorbed` stories leave the relation; each of `storyIds` whose salient terms changed (a new
 * story, a new canonical copy) is related afresh. Returns the stories whose `related` list
 * changed: the caller marks them for publishing.
 */
export function relateStories(
  sql: SqlStorage,
  storyIds: Iterable<string>,
  absorbed: Iterable<string>,
  options: RelatedOptions = DEFAULT_RELATED_OPTIONS,
  now?: string,
): string[] {
  const windowMs = options.windowHours * 3_600_000;
  if (now !== undefined) expireRelated(sql, now, windowMs);
  const affected = new Set<string>();
  // A survivor of a merge is related afresh even when its own text is the same: the stories the
  // absorbed one was related to may be its related coverage now.
  const merged = [...absorbed];
  for (const id of merged) for (const other of forget(sql, id)) affected.add(other);
  for (const id of storyIds) {
    const story = readStory(sql, id);
    if (!story) {
      for (const other of forget(sql, id)) affected.add(other);
      continue;
    }
    for (const other of relateOne(sql, story, windowMs, merged.length > 0)) affected.add(other);
  }
  return [...affected].filter((id) => refreshList(sql, id));
}
