/**
 * The source registry: the feeds feedfold polls and their polling state, in the fold index's
 * SQLite (strongly consistent, so two cron runs or a redelivered queue message cannot both claim
 * a source). Plain synchronous functions over `SqlStorage`; the FoldIndex methods call them
 * inside `transactionSync`. Times are epoch milliseconds. The id is the one `identifySource`
 * gives the source's URL, so registry entries and the copies they produce agree.
 */

import type { PollJob, PollPatch, SourceEntry, SourceOrigin, SourceStatus } from "./source-types";

export type { PollJob, PollPatch, SourceEntry, SourceOrigin, SourceStatus };

type Row = {
  id: string;
  url: string;
  title: string | null;
  categories: string;
  origin: SourceOrigin;
  added_at: number;
  gone: number;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  last_fetch_at: number | null;
  last_status: number | null;
  last_error: string | null;
  errors: number;
  items_seen: number;
  items_added: number;
  interval_s: number;
  next_fetch_at: number;
  hold_until: number;
  claim: string | null;
  discover: number;
  last_failure: string | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toStatus(r: Row, now: number): SourceStatus {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    categories: JSON.parse(r.categories) as string[],
    origin: r.origin,
    added: new Date(r.added_at).toISOString(),
    state: r.gone ? "gone" : "active",
    lastFetch: iso(r.last_fetch_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
    lastFailure: r.last_failure,
    pendingDiscovery: r.discover === 1,
    consecutiveErrors: r.errors,
    etag: r.etag,
    lastModified: r.last_modified,
    itemsSeen: r.items_seen,
    itemsAdded: r.items_added,
    intervalS: r.interval_s,
    nextFetch: r.gone ? null : iso(Math.max(r.next_fetch_at, r.hold_until)),
    retryAfterUntil: r.hold_until > now ? iso(r.hold_until) : null,
  };
}

function getRow(sql: SqlStorage, id: string): Row | undefined {
  return sql.exec<Row>("SELECT * FROM source_registry WHERE id = ?", id).toArray()[0] as Row | undefined;
}

function countSources(sql: SqlStorage): number {
  return sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM source_registry").one().n;
}

export type AddResult =
  | { kind: "created"; source: SourceStatus }
  | { kind: "exists"; source: SourceStatus }
  | { kind: "full"; max: number };

/** Registers one source, due at once. An already registered id is left as it is. */
export function addSource(
  sql: SqlStorage,
  entry: SourceEntry,
  now: number,
  limits: { maxSources: number; intervalS: number },
): AddResult {
  const known = getRow(sql, entry.id);
  if (known) return { kind: "exists", source: toStatus(known, now) };
  if (countSources(sql) >= limits.maxSources) return { kind: "full", max: limits.maxSources };
  insert(sql, entry, now, limits.intervalS);
  return { kind: "created", source: toStatus(getRow(sql, entry.id)!, now) };
}

function insert(sql: SqlStorage, entry: SourceEntry, now: number, intervalS: number): void {
  sql.exec(
    `INSERT INTO source_registry (id, url, title, categories, origin, added_at, interval_s, next_fetch_at, discover)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    entry.id,
    entry.url,
    entry.title ?? null,
    JSON.stringify(entry.categories ?? []),
    entry.origin,
    now,
    intervalS,
    now,
    entry.discover ? 1 : 0,
  );
}

/**
 * Registers many sources (an OPML import, the SOURCES var). New ids are added; known ones take the
 * title and categories given (when given) and keep their polling state.
 */
export function importSources(
  sql: SqlStorage,
  entries: SourceEntry[],
  now: number,
  limits: { maxSources: number; intervalS: number },
): { added: string[]; updated: string[]; full: string[] } {
  const added: string[] = [];
  const updated: string[] = [];
  const full: string[] = [];
  let total = countSources(sql);
  for (const entry of entries) {
    const known = getRow(sql, entry.id);
    if (!known) {
      if (total >= limits.maxSources) {
        full.push(entry.url);
        continue;
      }
      insert(sql, entry, now, limits.intervalS);
      total++;
      added.push(entry.id);
      continue;
    }
    const title = entry.title ?? known.title;
    const categories = entry.categories?.length ? JSON.stringify(entry.categories) : known.categories;
    if (title !== known.title || categories !== known.categories) {
      sql.exec(
        "UPDATE source_registry SET title = ?, categories = ? WHERE id = ?",
        title,
        categories,
        entry.id,
      );
      updated.push(entry.id);
    }
  }
  return { added, updated, full };
}

/** Registers the SOURCES var's feeds that are not registered yet; nothing is written otherwise. */
export function seedSources(sql: SqlStorage, entries: SourceEntry[], now: number, intervalS: number): number {
  let added = 0;
  for (const entry of entries) {
    if (getRow(sql, entry.id)) continue;
    insert(sql, entry, now, intervalS);
    added++;
  }
  return added;
}

/** Removes a source from the registry; the items it brought stay. */
export function deleteSource(sql: SqlStorage, id: string): boolean {
  if (!getRow(sql, id)) return false;
  sql.exec("DELETE FROM source_registry WHERE id = ?", id);
  return true;
}

/** The sources in the order they were added (the index source_registry_by_added: no sort), at most `limit`. */
export function listSources(sql: SqlStorage, now: number, limit = -1): SourceStatus[] {
  return sql
    .exec<Row>("SELECT * FROM source_registry ORDER BY added_at, id LIMIT ?", limit)
    .toArray()
    .map((r) => toStatus(r as Row, now));
}

/**
 * Claims the sources to poll now and hands out one job each. The claim itself moves
 * `next_fetch_at` one interval ahead, synchronously, so an overlapping cron run finds nothing due
 * and a second claim of the same source supersedes the first (whose result is then dropped).
 * `force` (POST /admin/poll) takes every active source regardless of its interval, but never one
 * held by a Retry-After.
 */
export function claimDue(
  sql: SqlStorage,
  options: { now: number; limit: number; force: boolean },
): { jobs: PollJob[]; due: number } {
  const { now, limit, force } = options;
  const where = force
    ? "gone = 0 AND hold_until <= ?1"
    : "gone = 0 AND hold_until <= ?1 AND next_fetch_at <= ?1";
  const due = sql
    .exec<{ n: number }>(`SELECT COUNT(*) AS n FROM source_registry WHERE ${where}`, now)
    .one().n;
  const rows = sql
    .exec<Row>(`SELECT * FROM source_registry WHERE ${where} ORDER BY next_fetch_at, id LIMIT ?2`, now, limit)
    .toArray() as Row[];
  const jobs = rows.map((r): PollJob => {
    const claim = crypto.randomUUID();
    sql.exec(
      "UPDATE source_registry SET claim = ?, last_fetch_at = ?, next_fetch_at = ? WHERE id = ?",
      claim,
      now,
      now + r.interval_s * 1000,
      r.id,
    );
    return {
      id: r.id,
      claim,
      claimedAt: now,
      url: r.url,
      etag: r.etag,
      lastModified: r.last_modified,
      bodyHash: r.body_hash,
      lastStatus: r.last_status,
      lastError: r.last_error,
      lastFailure: r.last_failure,
      errors: r.errors,
      intervalS: r.interval_s,
      itemsSeen: r.items_seen,
      hasTitle: r.title !== null,
      discover: r.discover === 1,
    };
  });
  return { jobs, due };
}

const COLUMNS: Record<Exclude<keyof PollPatch, "newId" | "itemsAdded" | "title">, string> = {
  url: "url",
  etag: "etag",
  lastModified: "last_modified",
  bodyHash: "body_hash",
  lastStatus: "last_status",
  lastError: "last_error",
  lastFailure: "last_failure",
  discover: "discover",
  errors: "errors",
  itemsSeen: "items_seen",
  intervalS: "interval_s",
  nextFetchAt: "next_fetch_at",
  holdUntil: "hold_until",
  gone: "gone",
};

/**
 * Applies a poll's result if it belongs to the source's current claim (a redelivered or
 * superseded job changes nothing). A permanent redirect moves the source to its new URL's id; if
 * that id is registered already, the old entry is dropped as a duplicate.
 */
export function recordPoll(sql: SqlStorage, id: string, claim: string, patch: PollPatch): boolean {
  const row = getRow(sql, id);
  if (!row || row.claim !== claim) return false;
  let target = id;
  if (patch.newId && patch.newId !== id) {
    if (getRow(sql, patch.newId)) {
      sql.exec("DELETE FROM source_registry WHERE id = ?", id);
      return true;
    }
    sql.exec("UPDATE source_registry SET id = ? WHERE id = ?", patch.newId, id);
    target = patch.newId;
  }
  // The claim is spent: the same job delivered again changes nothing.
  const sets: string[] = ["claim = NULL"];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string]>) {
    if (!(key in patch)) continue;
    const value = patch[key];
    sets.push(`${column} = ?`);
    values.push(typeof value === "boolean" ? Number(value) : (value ?? null));
  }
  if (patch.title !== undefined) {
    sets.push("title = COALESCE(title, ?)");
    values.push(patch.title);
  }
  if (patch.itemsAdded) {
    sets.push("items_added = items_added + ?");
    values.push(patch.itemsAdded);
  }
  sql.exec(`UPDATE source_registry SET ${sets.join(", ")} WHERE id = ?`, ...values, target);
  return true;
}
