import type { MatchKind, Story } from "../story";
import { composeStory } from "./compose-story";
import type { FoldResult, IncomingCopy, StoredCopy } from "./incoming-copy";

/**
 * Decides, for each incoming copy, whether it is new, a copy of a known story, an update of a
 * copy already held, or unchanged, and writes the decision. Synchronous on purpose: no `await`
 * may separate the check from the insert, or a concurrent request would see the story missing
 * and make a second one. The caller runs it inside `transactionSync` so a batch is all or nothing.
 */
export function foldBatch(sql: SqlStorage, batch: IncomingCopy[], now: string): FoldResult[] {
  const touched = new Set<string>();
  const results = batch.map((copy) => foldOne(sql, copy, now, touched));
  for (const storyId of touched) {
    if (recomposeStory(sql, storyId, now)) {
      sql.exec(
        "INSERT INTO dirty (story_id, seq) VALUES (?, ?) ON CONFLICT(story_id) DO UPDATE SET seq = excluded.seq",
        storyId,
        nextCounter(sql, "dirty_seq"),
      );
    }
  }
  return results;
}

function foldOne(sql: SqlStorage, copy: IncomingCopy, now: string, touched: Set<string>): FoldResult {
  upsertSource(sql, copy, now);
  const entry = sql
    .exec<{ story_id: string; url_key: string; content_hash: string }>(
      "SELECT story_id, url_key, content_hash FROM entries WHERE source_id = ? AND item_key = ?",
      copy.source.id,
      copy.itemKey,
    )
    .toArray()[0];
  if (entry) {
    if (entry.content_hash === copy.contentHash) return { status: "unchanged", storyId: entry.story_id };
    updateCopy(sql, copy, entry.story_id, entry.url_key);
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
  const byUrl = copy.urlKey
    ? lookup(sql, "SELECT story_id FROM urls WHERE url_key = ?", copy.urlKey)
    : undefined;
  if (byUrl) {
    // The same page reached us again (another feed of the same site, a scraped push): one copy.
    insertEntry(sql, copy, byUrl, urlKey);
    return { status: "duplicate", storyId: byUrl };
  }
  const byFingerprint = copy.fingerprint
    ? lookup(sql, "SELECT story_id FROM fingerprints WHERE fp = ?", copy.fingerprint)
    : undefined;
  const storyId = byFingerprint ?? freeStoryId(sql, copy.storyIdIfNew);
  const match: MatchKind = byFingerprint ? "exact" : "first";
  insertCopy(sql, copy, storyId, urlKey, match, now);
  insertEntry(sql, copy, storyId, urlKey);
  if (copy.urlKey)
    sql.exec("INSERT OR IGNORE INTO urls (url_key, story_id) VALUES (?, ?)", copy.urlKey, storyId);
  if (copy.fingerprint) {
    sql.exec("INSERT OR IGNORE INTO fingerprints (fp, story_id) VALUES (?, ?)", copy.fingerprint, storyId);
  }
  if (!byFingerprint) {
    sql.exec(
      "INSERT INTO stories (id, sort_date, fingerprint, doc) VALUES (?, ?, ?, '')",
      storyId,
      now,
      copy.fingerprint ?? null,
    );
  }
  touched.add(storyId);
  return { status: byFingerprint ? "duplicate" : "new", storyId };
}

/** The story a copy would join (same entry, same URL, same fingerprint), read-only. */
export function matchCopy(sql: SqlStorage, copy: IncomingCopy): string | undefined {
  return (
    lookup(
      sql,
      "SELECT story_id FROM entries WHERE source_id = ? AND item_key = ?",
      copy.source.id,
      copy.itemKey,
    ) ??
    (copy.urlKey ? lookup(sql, "SELECT story_id FROM urls WHERE url_key = ?", copy.urlKey) : undefined) ??
    (copy.fingerprint
      ? lookup(sql, "SELECT story_id FROM fingerprints WHERE fp = ?", copy.fingerprint)
      : undefined)
  );
}

/** The deterministic id, unless (improbably) taken, then a derived one; ids never change. */
function freeStoryId(sql: SqlStorage, wanted: string): string {
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

function storedCopy(copy: IncomingCopy, urlKey: string, match: MatchKind, firstSeen: string): StoredCopy {
  return {
    id: copy.payload.id,
    url: copy.payload.url,
    title: copy.payload.title,
    datePublished: copy.payload.datePublished,
    firstSeen,
    source: copy.source,
    match,
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
  now: string,
): void {
  sql.exec(
    "INSERT INTO copies (story_id, url_key, source_id, item_key, doc) VALUES (?, ?, ?, ?, ?)",
    storyId,
    urlKey,
    copy.source.id,
    copy.itemKey,
    JSON.stringify(storedCopy(copy, urlKey, match, now)),
  );
}

/** An update replaces the copy's content only where this entry is the one that made the copy. */
function updateCopy(sql: SqlStorage, copy: IncomingCopy, storyId: string, urlKey: string): void {
  const row = sql
    .exec<{ doc: string; source_id: string; item_key: string }>(
      "SELECT doc, source_id, item_key FROM copies WHERE story_id = ? AND url_key = ?",
      storyId,
      urlKey,
    )
    .toArray()[0];
  if (!row || row.source_id !== copy.source.id || row.item_key !== copy.itemKey) return;
  const old = JSON.parse(row.doc) as StoredCopy;
  const updated = storedCopy(copy, urlKey, old.match, old.firstSeen);
  sql.exec(
    "UPDATE copies SET doc = ? WHERE story_id = ? AND url_key = ?",
    JSON.stringify(updated),
    storyId,
    urlKey,
  );
  if (copy.fingerprint) {
    sql.exec("INSERT OR IGNORE INTO fingerprints (fp, story_id) VALUES (?, ?)", copy.fingerprint, storyId);
  }
}

/** Rebuilds a story document from its copies; true when the document changed. */
function recomposeStory(sql: SqlStorage, storyId: string, now: string): boolean {
  const copies = sql
    .exec<{ doc: string }>("SELECT doc FROM copies WHERE story_id = ?", storyId)
    .toArray()
    .map((r) => JSON.parse(r.doc) as StoredCopy);
  const row = sql
    .exec<{ doc: string; fingerprint: string | null }>(
      "SELECT doc, fingerprint FROM stories WHERE id = ?",
      storyId,
    )
    .toArray()[0];
  if (!row || copies.length === 0) return false;
  const old = row.doc ? (JSON.parse(row.doc) as Story) : undefined;
  const story = composeStory(storyId, copies, row.fingerprint ?? undefined, now);
  if (old && sameStory(old, story)) return false;
  sql.exec(
    "UPDATE stories SET doc = ?, sort_date = ? WHERE id = ?",
    JSON.stringify(story),
    story.sortDate,
    storyId,
  );
  return true;
}

function sameStory(a: Story, b: Story): boolean {
  return JSON.stringify({ ...a, updatedAt: "" }) === JSON.stringify({ ...b, updatedAt: "" });
}

/** A per-object counter in `meta`, so a publish can clear exactly the dirty marks it saw. */
function nextCounter(sql: SqlStorage, key: string): number {
  sql.exec(
    `INSERT INTO meta (key, value) VALUES (?, '1')
     ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
    key,
  );
  return Number(sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).one().value);
}
