/**
 * The candidate index of related coverage (tables in related-store.ts RELATED_MIGRATIONS): each
 * story's salient terms in `related_docs` and the contentless FTS5 table `related_fts`, the
 * candidate query, the terms' rarity (fts5vocab) and expiry. Synchronous, in the caller's
 * transaction.
 */
import { fnv1a } from "../fold/fingerprint";
import { idfOf } from "../relate/related-score";
import { compatibleLanguages, type SalientTerms } from "../relate/salient-terms";
import type { Story } from "../story";

/** Candidates scored per story: the best by bm25 over its terms. Bounds rows read per story. */
export const MAX_CANDIDATES = 24;

/** One FTS token per term (FNV-1a, base 36): the tokenizer never splits or folds it. */
export function termToken(term: string): string {
  return `r${fnv1a(term).toString(36)}`;
}

export interface DocRow extends Record<string, SqlStorageValue> {
  rid: number;
  story_id: string;
  at: string;
  lang: string;
  source: string | null;
  terms: string;
  idf: string;
}

const ftsText = (terms: SalientTerms) => terms.terms.map(([t]) => termToken(t)).join(" ");

export function readDoc(sql: SqlStorage, storyId: string): DocRow | undefined {
  return sql
    .exec<DocRow>(
      "SELECT rid, story_id, at, lang, source, terms, idf FROM related_docs WHERE story_id = ?",
      storyId,
    )
    .toArray()[0];
}

/** Each term of a story with its rarity, and the stories held counting it (what the rarity was counted over). */
export interface TermRarity {
  rarity: Map<string, number>;
  held: number;
}

/**
 * Stores a story's terms (replacing its old ones) with their rarity counted over the stories held
 * and this one; undefined when nothing changed.
 */
export function storeTerms(sql: SqlStorage, story: Story, terms: SalientTerms): TermRarity | undefined {
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
    const oldText = ftsText({ lang: old.lang, terms: JSON.parse(old.terms) as SalientTerms["terms"] });
    sql.exec("INSERT INTO related_fts (related_fts, rowid, terms) VALUES ('delete', ?, ?)", old.rid, oldText);
    recountIndexed(sql, oldText, -1);
  }
  const own = rarityOf(sql, terms.terms, { indexed: false, held: old !== undefined });
  const idf = JSON.stringify(terms.terms.map(([term]) => Math.round(own.rarity.get(term)! * 1000) / 1000));
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
  const text = ftsText(terms);
  sql.exec("INSERT INTO related_fts (rowid, terms) VALUES (?, ?)", rid, text);
  recountIndexed(sql, text, 1);
  return own;
}

/** The candidates of a story: stories sharing its terms, same language, within the window. */
export function candidatesOf(sql: SqlStorage, story: Story, terms: SalientTerms, windowMs: number): DocRow[] {
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
 * FTS vocabulary, one lookup per term. `held` in the answer counts the story too, as storiesHeld
 * will once its row is stored (a new row takes the next rid).
 */
export function rarityOf(
  sql: SqlStorage,
  terms: SalientTerms["terms"],
  self: { indexed: boolean; held: boolean },
): TermRarity {
  const counts = documentCounts(
    sql,
    terms.map(([term]) => term),
  );
  const n = Math.max(storiesHeld(sql) + (self.held ? 0 : 1), 1);
  const rarity = new Map(
    terms.map(([term]) => [term, idfOf((counts.get(term) ?? 0) + (self.indexed ? 0 : 1), n)] as const),
  );
  return { rarity, held: n };
}

/**
 * Document counts already read, by token, per fold index (its `SqlStorage`): the fold index is the
 * only writer of `related_fts`, so every write here moves the counts it holds (`recountIndexed`),
 * and a transaction that fails forgets them all (`forgetDocumentCounts`). A restarted object starts
 * empty. A lookup per term costs the single fold index about a tenth of its ingest throughput
 * (`ingest_items_per_s` 213 → 195), and most of a story's terms were looked up for earlier ones.
 */
const documentCountsRead = new WeakMap<SqlStorage, Map<string, number>>();
/** Tokens whose counts are held at most: about 2 MB; past it, all are forgotten and read again. */
const MAX_COUNTS_HELD = 50_000;

/** Forgets the document counts held for this index (its transaction failed and rolled back). */
export function forgetDocumentCounts(sql: SqlStorage): void {
  documentCountsRead.delete(sql);
}

/** A document's tokens entered (+1) or left (-1) `related_fts`: the counts held follow. */
function recountIndexed(sql: SqlStorage, ftsTextOfDoc: string, change: 1 | -1): void {
  const held = documentCountsRead.get(sql);
  if (held === undefined) return;
  for (const token of new Set(ftsTextOfDoc.split(" "))) {
    const count = held.get(token);
    if (count !== undefined) held.set(token, count + change);
  }
}

/**
 * How many stories of the index hold each term (fts5vocab): from the counts held, else one
 * statement per term, a row read per term the index holds and none for a term it lacks, where
 * `term IN (…)` read two per term (key-list.ts; a VALUES join would scan the whole vocabulary).
 */
export function documentCounts(sql: SqlStorage, terms: readonly string[]): Map<string, number> {
  let held = documentCountsRead.get(sql);
  if (held === undefined || held.size > MAX_COUNTS_HELD) {
    held = new Map();
    documentCountsRead.set(sql, held);
  }
  const counts = new Map<string, number>();
  for (const term of new Set(terms)) {
    const token = termToken(term);
    let count = held.get(token);
    if (count === undefined) {
      count =
        sql.exec<{ doc: number }>("SELECT doc FROM related_vocab WHERE term = ?", token).toArray()[0]?.doc ??
        0;
      held.set(token, count);
    }
    if (count > 0) counts.set(term, count);
  }
  return counts;
}

/** Expiry runs at most this often, and looks at this many of the oldest index rows. */
const EXPIRE_EVERY_MS = 3_600_000;
const EXPIRE_BATCH = 200;

/**
 * Takes stories published more than two windows ago out of the candidate index (their pairs and
 * lists stay): the index, and so the cost of a candidate query, stays bounded by the stories of
 * the last few days. Walks the oldest rows by rid (insertion order), at most hourly.
 */
export function expireRelated(sql: SqlStorage, now: string, windowMs: number): void {
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
  for (const row of old) removeFromIndex(sql, row);
}

/** Takes a story's terms out of the candidate index. */
export function removeFromIndex(sql: SqlStorage, doc: DocRow): void {
  const text = ftsText({ lang: doc.lang, terms: JSON.parse(doc.terms) as SalientTerms["terms"] });
  sql.exec("INSERT INTO related_fts (related_fts, rowid, terms) VALUES ('delete', ?, ?)", doc.rid, text);
  recountIndexed(sql, text, -1);
  sql.exec("DELETE FROM related_docs WHERE rid = ?", doc.rid);
}

/** Stories held in the index: rids grow with each insert and expiry removes the oldest (an estimate; two key seeks, where COUNT(*) would read every row). */
export function storiesHeld(sql: SqlStorage): number {
  const span = sql
    .exec<{ n: number | null }>(
      "SELECT (SELECT MAX(rid) FROM related_docs) - (SELECT MIN(rid) FROM related_docs) + 1 AS n",
    )
    .one().n;
  return Math.max(span ?? 0, 0);
}
