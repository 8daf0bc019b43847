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
import { compatibleLanguages, type SalientTerms } from "../relate/salient-terms";
import { relateText, storyTerms } from "../relate/story-terms";
import type { RelatedStory, Story } from "../story";

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

/** Candidates scored per story: the best by bm25 over its terms. Bounds rows read per story. */
export const MAX_CANDIDATES = 24;

/** One FTS token per term (FNV-1a, base 36): the tokenizer never splits or folds it. */
export function termToken(term: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `r${(h >>> 0).toString(36)}`;
}

interface DocRow extends Record<string, SqlStorageValue> {
  rid: number;
  story_id: string;
  at: string;
  lang: string;
  source: string | null;
  terms: string;
  idf: string;
}

const ftsText = (terms: SalientTerms) => terms.terms.map(([t]) => termToken(t)).join(" ");

function readDoc(sql: SqlStorage, storyId: string): DocRow | undefined {
  return sql
    .exec<DocRow>(
      "SELECT rid, story_id, at, lang, source, terms, idf FROM related_docs WHERE story_id = ?",
      storyId,
    )
    .toArray()[0];
}

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
  if (doc) {
    sql.exec(
      "INSERT INTO related_fts (related_fts, rowid, terms) VALUES ('delete', ?, ?)",
      doc.rid,
      ftsText({ lang: doc.lang, terms: JSON.parse(doc.terms) as SalientTerms["terms"] }),
    );
    sql.exec("DELETE FROM related_docs WHERE rid = ?", doc.rid);
  }
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

/**
 * Stores a story's terms (replacing its old ones) with their rarity counted over the stories held
 * and this one; undefined when nothing changed, else each term's rarity.
 */
function storeTerms(sql: SqlStorage, story: Story, terms: SalientTerms): Map<string, number> | undefined {
  const json = JSON.stringify(terms.terms);
  const old = readDoc(sql, story.id);
  const source = story.copies[0]?.source.id ?? null;
  if (
    old &&
    old.terms === json &&
    old.at === story.sortDate &&
    old.lang === terms.lang &&
    old.source === source
  ) {
    return undefined;
  }
  if (old) {
    sql.exec(
      "INSERT INTO related_fts (related_fts, rowid, terms) VALUES ('delete', ?, ?)",
      old.rid,
      ftsText({ lang: old.lang, terms: JSON.parse(old.terms) as SalientTerms["terms"] }),
    );
  }
  const rarity = rarityOf(sql, terms.terms, { indexed: false, held: old !== undefined });
  const idf = JSON.stringify(terms.terms.map(([term]) => Math.round(rarity(term) * 1000) / 1000));
  let rid: number;
  if (old) {
    rid = old.rid;
    sql.exec(
      "UPDATE related_docs SET at = ?, lang = ?, source = ?, terms = ?, idf = ? WHERE rid = ?",
      story.sortDate,
      terms.lang,
      source,
      json,
      idf,
      rid,
    );
  } else {
    rid = sql
      .exec<{ rid: number }>(
        "INSERT INTO related_docs (story_id, at, lang, source, terms, idf) VALUES (?, ?, ?, ?, ?, ?) RETURNING rid",
        story.id,
        story.sortDate,
        terms.lang,
        source,
        json,
        idf,
      )
      .one().rid;
  }
  sql.exec("INSERT INTO related_fts (rowid, terms) VALUES (?, ?)", rid, ftsText(terms));
  return new Map(terms.terms.map(([term]) => [term, rarity(term)]));
}

/** The candidates of a story: stories sharing its terms, same language, within the window. */
function candidatesOf(sql: SqlStorage, story: Story, terms: SalientTerms, windowMs: number): DocRow[] {
  if (terms.terms.length === 0) return [];
  const at = Date.parse(story.sortDate);
  const query = terms.terms.map(([t]) => termToken(t)).join(" OR ");
  const langs = compatibleLanguages(terms.lang);
  return sql
    .exec<DocRow>(
      `SELECT d.* FROM related_fts f JOIN related_docs d ON d.rid = f.rowid
       WHERE related_fts MATCH ? AND d.lang IN (${langs.map(() => "?").join(",")}) AND d.at >= ?
       AND d.at <= ? AND d.story_id <> ?
       ORDER BY f.rank LIMIT ?`,
      query,
      ...langs,
      new Date(at - windowMs).toISOString(),
      new Date(at + windowMs).toISOString(),
      story.id,
      MAX_CANDIDATES,
    )
    .toArray();
}

/**
 * The rarity of a story's terms over the stories held, counting the story itself (`indexed`: its
 * terms are in the FTS index already; `held`: its row is in related_docs): document counts from the
 * FTS vocabulary, one lookup per term.
 */
function rarityOf(
  sql: SqlStorage,
  terms: SalientTerms["terms"],
  self: { indexed: boolean; held: boolean },
): (term: string) => number {
  const counts = documentCounts(
    sql,
    terms.map(([term]) => term),
  );
  // Stories held: rids grow with each insert, and expiry removes the oldest (an estimate; two
  // key seeks, where COUNT(*) would read every row).
  const span = sql
    .exec<{ n: number | null }>(
      "SELECT (SELECT MAX(rid) FROM related_docs) - (SELECT MIN(rid) FROM related_docs) + 1 AS n",
    )
    .one().n;
  const n = Math.max((span ?? 0) + (self.held ? 0 : 1), 1);
  return (term) => idfOf((counts.get(term) ?? 0) + (self.indexed ? 0 : 1), n);
}

/** How many stories of the index hold each term (fts5vocab; about as many rows read per term as the index has segments). */
function documentCounts(sql: SqlStorage, terms: readonly string[]): Map<string, number> {
  const byToken = new Map(terms.map((term) => [termToken(term), term]));
  const tokens = [...byToken.keys()];
  const counts = new Map<string, number>();
  for (let at = 0; at < tokens.length; at += 100) {
    const chunk = tokens.slice(at, at + 100);
    for (const row of sql
      .exec<{ term: string; doc: number }>(
        `SELECT term, doc FROM related_vocab WHERE term IN (${chunk.map(() => "?").join(",")})`,
        ...chunk,
      )
      .toArray()) {
      counts.set(byToken.get(row.term)!, row.doc);
    }
  }
  return counts;
}

/** Decides the related stories of one story and stores them; returns every story whose list changed. */
function relateOne(sql: SqlStorage, story: Story, windowMs: number, force: boolean): string[] {
  const terms = storyTerms(story);
  let own = storeTerms(sql, story, terms);
  if (!own) {
    if (!force) return [];
    const rarity = rarityOf(sql, terms.terms, { indexed: true, held: true });
    own = new Map(terms.terms.map(([term]) => [term, rarity(term)]));
  }
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
  const n = Math.max(
    sql
      .exec<{ n: number | null }>(
        "SELECT (SELECT MAX(rid) FROM related_docs) - (SELECT MIN(rid) FROM related_docs) + 1 AS n",
      )
      .one().n ?? 1,
    1,
  );
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

/** Expiry runs at most this often, and looks at this many of the oldest index rows. */
const EXPIRE_EVERY_MS = 3_600_000;
const EXPIRE_BATCH = 200;

/**
 * Takes stories published more than two windows ago out of the candidate index (their pairs and
 * lists stay): the index, and so the cost of a candidate query, stays bounded by the stories of
 * the last few days. Walks the oldest rows by rid (insertion order), at most hourly.
 */
function expireRelated(sql: SqlStorage, now: string, windowMs: number): void {
  const last = sql
    .exec<{ value: string }>("SELECT value FROM meta WHERE key = 'related_expired_at'")
    .toArray()[0]?.value;
  if (last !== undefined && Date.parse(now) - Date.parse(last) < EXPIRE_EVERY_MS) return;
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('related_expired_at', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    now,
  );
  const cutoff = new Date(Date.parse(now) - 2 * windowMs).toISOString();
  const old = sql
    .exec<DocRow>(
      "SELECT rid, story_id, at, lang, source, terms, idf FROM related_docs ORDER BY rid LIMIT ?",
      EXPIRE_BATCH,
    )
    .toArray()
    .filter((row) => row.at < cutoff);
  for (const row of old) {
    sql.exec(
      "INSERT INTO related_fts (related_fts, rowid, terms) VALUES ('delete', ?, ?)",
      row.rid,
      ftsText({ lang: row.lang, terms: JSON.parse(row.terms) as SalientTerms["terms"] }),
    );
    sql.exec("DELETE FROM related_docs WHERE rid = ?", row.rid);
  }
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
