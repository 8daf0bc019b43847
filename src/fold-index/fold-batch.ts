import type { MatchKind, Story } from "../story";
import { recordChange } from "./change-log";
import { composeStory } from "./compose-story";
import {
  countBatchEdgeLines,
  decideFold,
  type EdgeKeys,
  edgeKeysOnce,
  type FoldLookup,
} from "./fold-decision";
import { DEFAULT_FOLD_OPTIONS, type FoldOptions, windowStart } from "./fold-window";
import type { FoldResult, IncomingCopy, StoredCopy } from "./incoming-copy";
import { mergeStories } from "./merge-stories";
import { expireNear, learnedLinesOf, recordEdgeLines, recordNearCopy, sqlFoldLookup } from "./near-store";
import { DEFAULT_RELATED_OPTIONS, type RelatedOptions, relateStories } from "./related-store";

/**
 * Decides, for each incoming copy, whether it is new, a copy of a known story, an update of a
 * copy already held, or unchanged, and writes the decision. Synchronous on purpose: no `await`
 * may separate the check from the insert, or a concurrent request would see the story missing
 * and make a second one. The caller runs it inside `transactionSync` so a batch is all or nothing.
 */
export function foldBatch(
  sql: SqlStorage,
  batch: IncomingCopy[],
  now: string,
  options: FoldOptions = DEFAULT_FOLD_OPTIONS,
  related: RelatedOptions = DEFAULT_RELATED_OPTIONS,
): FoldResult[] {
  const touched = new Set<string>();
  const created = new Set<string>();
  const absorbed = new Set<string>();
  const since = windowStart(now, options.windowDays);
  const lookup = sqlFoldLookup(sql, since);
  // Each entry is read once (a row read per copy), and each source's row upserted once.
  const held = new Map(batch.map((copy) => [copy, findEntry(sql, copy)] as const));
  // Template lines are learned from the source's history plus the new copies of this batch, so
  // a new site's first feed already teaches its own footer.
  const fresh = batch.filter((copy) => !held.get(copy));
  const edgeKeys = edgeKeysOnce();
  const batchLines = countBatchEdgeLines(fresh, edgeKeys);
  const starters: IncomingCopy[] = [];
  const sources = new Set<string>();
  const entered = new Set<string>();
  const results = batch.map((copy) => {
    const source = JSON.stringify(copy.source);
    if (!sources.has(source)) upsertSource(sql, copy, now);
    sources.add(source);
    // Read again only when an earlier copy of this batch made the entry (the same item twice).
    const key = `${copy.source.id}\n${copy.itemKey}`;
    const entry = entered.has(key) ? findEntry(sql, copy) : held.get(copy);
    entered.add(key);
    return foldOne(
      sql,
      copy,
      entry,
      now,
      { touched, created, starters, absorbed },
      lookup,
      batchLines.get(copy.source.id),
      edgeKeys,
    );
  });
  // Counted into the source's history after the batch: during it, the batch's own counts stand
  // for these copies, and counting them twice would learn a line two posts share as template.
  for (const copy of starters) recordEdgeLines(sql, copy, now, edgeKeys(copy));
  for (const storyId of touched) {
    // A story created in this batch was composed as it was inserted: new, even if unchanged since.
    if (recomposeStory(sql, storyId, now) || created.has(storyId)) markDirty(sql, storyId);
  }
  // Related coverage follows the fold in the same transaction (src/fold-index/related-store.ts).
  for (const storyId of relateStories(sql, touched, absorbed, related, now)) markDirty(sql, storyId);
  expireNear(sql, since, now);
  return results;
}

/**
 * Marks a story for the next publish to KV, at the position of its change in the change log:
 * positions strictly increase, so a publish clears exactly the marks it saw.
 */
export function markDirty(sql: SqlStorage, storyId: string): void {
  sql.exec(
    "INSERT INTO dirty (story_id, seq) VALUES (?, ?) ON CONFLICT(story_id) DO UPDATE SET seq = excluded.seq",
    storyId,
    recordChange(sql, storyId),
  );
}

interface EntryRow {
  story_id: string;
  url_key: string;
  content_hash: string;
}

function findEntry(sql: SqlStorage, copy: IncomingCopy): EntryRow | undefined {
  return sql
    .exec<{ story_id: string; url_key: string; content_hash: string }>(
      "SELECT story_id, url_key, content_hash FROM entries WHERE source_id = ? AND item_key = ?",
      copy.source.id,
      copy.itemKey,
    )
    .toArray()[0];
}

function foldOne(
  sql: SqlStorage,
  copy: IncomingCopy,
  entry: EntryRow | undefined,
  now: string,
  {
    touched,
    created,
    starters,
    absorbed,
  }: { touched: Set<string>; created: Set<string>; starters: IncomingCopy[]; absorbed: Set<string> },
  lookup: FoldLookup,
  batchLines: ReadonlyMap<string, number> | undefined,
  edgeKeys: EdgeKeys,
): FoldResult {
  if (entry) {
    if (entry.content_hash === copy.contentHash) return { status: "unchanged", storyId: entry.story_id };
    updateCopy(sql, copy, entry.story_id, entry.url_key, now);
    sql.exec(
      "UPDATE entries SET content_hash = ? WHERE source_id = ? AND item_key = ?",
      copy.contentHash,
      copy.source.id,
      copy.itemKey,
    );
    touched.add(entry.story_id);
    return { status: "updated", storyId: entry.story_id };
  }

  const urlKey = copy.urlKey ?? `entry:${copy.source.id}:${copy.itemKey}`;
  // Read before this copy's entry exists: a second item of one source under one URL. The decision
  // asks the same on a URL match, before anything is written: answered by this read, not another.
  const urlShared = copy.urlKey !== undefined && lookup.sourceHasUrl(copy.source.id, copy.urlKey);
  const asked: FoldLookup = {
    ...lookup,
    sourceHasUrl: (sourceId, urlKey) =>
      sourceId === copy.source.id && urlKey === copy.urlKey
        ? urlShared
        : lookup.sourceHasUrl(sourceId, urlKey),
  };
  const decision = decideFold(asked, copy, learnedLinesOf(sql, copy, batchLines, edgeKeys(copy)));
  const match = decision.match;
  let joined = match.kind === "new" ? undefined : match.storyId;
  if (joined !== undefined && decision.alsoStories.length > 0) {
    const merge = mergeStories(sql, [joined, ...decision.alsoStories], now);
    joined = merge.survivor;
    for (const id of merge.absorbed) {
      touched.delete(id);
      created.delete(id);
      absorbed.add(id);
    }
  }
  const storyId = joined ?? freeStoryId(sql, copy.storyIdIfNew);
  const kind: MatchKind = match.kind === "new" ? "first" : match.kind;
  const score = match.kind === "near" || match.kind === "summary" ? match.score : undefined;
  const stored = insertCopy(sql, copy, storyId, urlKey, kind, score, now);
  insertEntry(sql, copy, storyId, urlKey);
  touched.add(storyId);
  // The same page again (another feed of the same site, a scraped push): listed, and matched on
  // as the copy it repeats, so it adds no features of its own.
  if (match.kind === "same-url") return { status: "duplicate", storyId };
  if (copy.urlKey) recordUrl(sql, copy.urlKey, storyId, urlShared);
  if (decision.fingerprint) {
    sql.exec(
      "INSERT OR IGNORE INTO fingerprints (fp, story_id) VALUES (?, ?)",
      decision.fingerprint,
      storyId,
    );
  }
  recordNearCopy(sql, copy, { storyId, urlKey, ...decision }, now);
  if (!joined) {
    // Composed now from its one copy, so the row is written once (recomposeStory at the end of
    // the batch then finds it unchanged unless another copy of the batch joined it).
    const story = composeStory(storyId, [stored], decision.fingerprint, now);
    sql.exec(
      "INSERT INTO stories (id, sort_date, fingerprint, doc) VALUES (?, ?, ?, ?)",
      storyId,
      story.sortDate,
      decision.fingerprint ?? null,
      JSON.stringify(story),
    );
    created.add(storyId);
    starters.push(copy);
  }
  return { status: joined ? "duplicate" : "new", storyId };
}

/**
 * Remembers which story a URL names. When one source gives a second item under a URL it already
 * used, the URL names a page, not an article: the row is emptied (''), so no later copy folds by
 * that URL alone, whatever source it comes from.
 */
function recordUrl(sql: SqlStorage, urlKey: string, storyId: string, shared: boolean): void {
  if (shared) {
    sql.exec(
      "INSERT INTO urls (url_key, story_id) VALUES (?, '') ON CONFLICT(url_key) DO UPDATE SET story_id = ''",
      urlKey,
    );
  } else {
    sql.exec("INSERT OR IGNORE INTO urls (url_key, story_id) VALUES (?, ?)", urlKey, storyId);
  }
}

/** The story a copy would join (same entry, URL, id, fingerprint, near or summary), read-only. */
export function matchCopy(
  sql: SqlStorage,
  copy: IncomingCopy,
  now: string,
  options: FoldOptions = DEFAULT_FOLD_OPTIONS,
): string | undefined {
  const entry = findEntry(sql, copy);
  if (entry) return entry.story_id;
  const lookup = sqlFoldLookup(sql, windowStart(now, options.windowDays));
  const match = decideFold(lookup, copy, learnedLinesOf(sql, copy, undefined)).match;
  return match.kind === "new" ? undefined : match.storyId;
}

/** The deterministic id, unless (improbably) taken, then a derived one; ids never change. */
export function freeStoryId(sql: SqlStorage, wanted: string): string {
  let id = wanted;
  for (let i = 1; lookup(sql, "SELECT id AS story_id FROM stories WHERE id = ?", id); i++) {
    id = (wanted.slice(0, 16) + i.toString(16).padStart(4, "0")).slice(0, 20);
  }
  return id;
}

function lookup(sql: SqlStorage, query: string, ...keys: string[]): string | undefined {
  return sql.exec<{ story_id: string }>(query, ...keys).toArray()[0]?.story_id;
}

function upsertSource(sql: SqlStorage, copy: IncomingCopy, now: string): void {
  sql.exec(
    `INSERT INTO sources (id, doc, first_seen) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET doc = excluded.doc WHERE sources.doc <> excluded.doc`,
    copy.source.id,
    JSON.stringify(copy.source),
    now,
  );
}

function insertEntry(sql: SqlStorage, copy: IncomingCopy, storyId: string, urlKey: string): void {
  sql.exec(
    "INSERT INTO entries (source_id, item_key, story_id, url_key, content_hash) VALUES (?, ?, ?, ?, ?)",
    copy.source.id,
    copy.itemKey,
    storyId,
    urlKey,
    copy.contentHash,
  );
}

function storedCopy(
  copy: IncomingCopy,
  urlKey: string,
  match: MatchKind,
  score: number | undefined,
  firstSeen: string,
): StoredCopy {
  return {
    id: copy.payload.id,
    url: copy.payload.url,
    title: copy.payload.title,
    datePublished: copy.payload.datePublished,
    firstSeen,
    source: copy.source,
    match,
    score,
    itemKey: copy.itemKey,
    urlKey,
    siteNames: copy.siteNames,
    payload: copy.payload,
  };
}

function insertCopy(
  sql: SqlStorage,
  copy: IncomingCopy,
  storyId: string,
  urlKey: string,
  match: MatchKind,
  score: number | undefined,
  now: string,
): StoredCopy {
  const doc = JSON.stringify(storedCopy(copy, urlKey, match, score, now));
  sql.exec(
    "INSERT INTO copies (story_id, source_id, item_key, url_key, doc) VALUES (?, ?, ?, ?, ?)",
    storyId,
    copy.source.id,
    copy.itemKey,
    urlKey,
    doc,
  );
  // As recomposeStory will read it back (fields left undefined are gone).
  return JSON.parse(doc) as StoredCopy;
}

/** An update replaces the entry's own copy (its content, keeping how and when it joined). */
function updateCopy(sql: SqlStorage, copy: IncomingCopy, storyId: string, urlKey: string, now: string): void {
  const row = sql
    .exec<{ doc: string }>(
      "SELECT doc FROM copies WHERE story_id = ? AND source_id = ? AND item_key = ?",
      storyId,
      copy.source.id,
      copy.itemKey,
    )
    .toArray()[0];
  if (!row) return;
  const old = JSON.parse(row.doc) as StoredCopy;
  const updated = storedCopy(copy, urlKey, old.match, old.score, old.firstSeen);
  sql.exec(
    "UPDATE copies SET doc = ? WHERE story_id = ? AND source_id = ? AND item_key = ?",
    JSON.stringify(updated),
    storyId,
    copy.source.id,
    copy.itemKey,
  );
  // A copy that joined by URL repeats another copy's page: the features stay that copy's.
  if (old.match === "same-url") return;
  if (copy.fingerprint) {
    sql.exec("INSERT OR IGNORE INTO fingerprints (fp, story_id) VALUES (?, ?)", copy.fingerprint, storyId);
  }
  recordNearCopy(
    sql,
    copy,
    { storyId, urlKey, fingerprint: copy.fingerprint, features: copy.features, bands: copy.bands },
    now,
  );
}

/** Rebuilds a story document from its copies; true when the document changed. */
export function recomposeStory(sql: SqlStorage, storyId: string, now: string): boolean {
  const copies = sql
    .exec<{ doc: string }>("SELECT doc FROM copies WHERE story_id = ?", storyId)
    .toArray()
    .map((r) => JSON.parse(r.doc) as StoredCopy);
  const row = sql
    .exec<{ doc: string; fingerprint: string | null; sort_date: string }>(
      "SELECT doc, fingerprint, sort_date FROM stories WHERE id = ?",
      storyId,
    )
    .toArray()[0];
  if (!row || copies.length === 0) return false;
  const old = row.doc ? (JSON.parse(row.doc) as Story) : undefined;
  const story = composeStory(storyId, copies, row.fingerprint ?? undefined, now);
  // Related coverage is kept by related-store.ts, which rewrites it when it changes.
  if (old?.related) story.related = old.related;
  if (old && sameStory(old, story)) return false;
  // sort_date is indexed: setting it, even to the same value, writes the index row too.
  if (story.sortDate === row.sort_date) {
    sql.exec("UPDATE stories SET doc = ? WHERE id = ?", JSON.stringify(story), storyId);
  } else {
    sql.exec(
      "UPDATE stories SET doc = ?, sort_date = ? WHERE id = ?",
      JSON.stringify(story),
      story.sortDate,
      storyId,
    );
  }
  return true;
}

function sameStory(a: Story, b: Story): boolean {
  return JSON.stringify({ ...a, updatedAt: "" }) === JSON.stringify({ ...b, updatedAt: "" });
}
