/**
 * The operator's view of the fold index (GET /admin/stats): what is stored, how much folds, how the
 * sources are doing, what the last polling cycle did, and how many KV writes today's publishes
 * used (the Free plan allows 1,000 a day). Plain synchronous functions over `SqlStorage`; cheap:
 * a few COUNT queries over indexed tables and two `meta` rows, no scan of story documents.
 */

import { readMetaJson, setMeta } from "./meta";
import type { CycleCounts } from "./source-types";

/**
 * What a polling cycle reports for the operator (kept as the `meta` row `last_cycle`): the cycle's
 * counts, when it ended, how long it took, and the sources that failed in it (queued polls report
 * on their source instead).
 */
export type CycleRecord = CycleCounts & {
  /** When the cycle ended, ISO 8601. */
  at: string;
  ms: number;
  errors: Array<{ url: string; error: string }>;
};

export type SourceHealth = "ok" | "failing" | "held" | "never-polled" | "gone";

export interface OpsStats {
  stories: number;
  /** Copies listed in the stories: one per accepted item (an alias of a copy counts as listed). */
  copies: number;
  /** Every (source, item) ever accepted: equal to `copies` (nothing accepted is lost). */
  items: number;
  /** Accepted items whose story does not list them: 0 unless the fold index is damaged. */
  unlisted: number;
  /** Stories absorbed into an older story when a later copy showed they are one article. */
  merged: number;
  /** Share of ingested items that joined an existing story instead of starting one. */
  foldRate: number;
  /** Sources that sent at least one item (pushed or polled). */
  sourcesSeen: number;
  /** The polling registry by health; absent when this deployment has no registry. */
  sources?: { total: number } & Record<SourceHealth, number>;
  /** Up to 10 failing sources, most consecutive errors first. */
  failing?: Array<{
    url: string;
    errors: number;
    /** dns, connect, timeout, tls, http-<status>, …; null for a document the feed got wrong. */
    failure: string | null;
    lastError: string | null;
    lastFetch: string | null;
    pendingDiscovery: boolean;
  }>;
  lastCycle: CycleRecord | null;
  publish: { lastAt: string | null; kvWritesToday: number; day: string };
}

const MAX_ERRORS_KEPT = 10;

/** Keeps the summary of the cycle that just ended (one row written). */
export function saveCycle(sql: SqlStorage, cycle: CycleRecord): void {
  const kept: CycleRecord = { ...cycle, errors: cycle.errors.slice(0, MAX_ERRORS_KEPT) };
  setMeta(sql, "last_cycle", JSON.stringify(kept));
}

/** Counts one KV write of a publish against today's budget (UTC day, as Cloudflare resets it). */
export function countKvWrite(sql: SqlStorage, now: number): void {
  const day = new Date(now).toISOString().slice(0, 10);
  const held = readMetaJson<{ day: string; n: number }>(sql, "kv_writes_day");
  const n = held?.day === day ? held.n + 1 : 1;
  setMeta(sql, "kv_writes_day", JSON.stringify({ day, n, lastAt: new Date(now).toISOString() }));
}

export function readOpsStats(sql: SqlStorage, now: number): OpsStats {
  const count = (q: string) => sql.exec<{ n: number }>(q).one().n;
  const stories = count("SELECT COUNT(*) AS n FROM stories");
  const items = count("SELECT COUNT(*) AS n FROM entries");
  const day = new Date(now).toISOString().slice(0, 10);
  const writes = readMetaJson<{ day: string; n: number; lastAt: string }>(sql, "kv_writes_day");
  const stats: OpsStats = {
    stories,
    copies: count("SELECT COUNT(*) AS n FROM copies"),
    items,
    unlisted: count(
      `SELECT COUNT(*) AS n FROM entries e WHERE NOT EXISTS (SELECT 1 FROM copies c
         WHERE c.story_id = e.story_id AND c.source_id = e.source_id AND c.item_key = e.item_key)`,
    ),
    merged: count("SELECT COUNT(*) AS n FROM merges"),
    foldRate: items === 0 ? 0 : Math.round(((items - stories) / items) * 10_000) / 10_000,
    sourcesSeen: count("SELECT COUNT(*) AS n FROM sources"),
    lastCycle: readMetaJson<CycleRecord>(sql, "last_cycle") ?? null,
    publish: { lastAt: writes?.lastAt ?? null, kvWritesToday: writes?.day === day ? writes.n : 0, day },
  };
  if (hasTable(sql, "source_registry")) {
    const rows = sql
      .exec<{ health: SourceHealth; n: number }>(
        `SELECT CASE
           WHEN gone = 1 THEN 'gone'
           WHEN hold_until > ?1 THEN 'held'
           WHEN errors > 0 THEN 'failing'
           WHEN last_fetch_at IS NULL THEN 'never-polled'
           ELSE 'ok' END AS health, COUNT(*) AS n
         FROM source_registry GROUP BY health`,
        now,
      )
      .toArray();
    const by = { total: 0, ok: 0, failing: 0, held: 0, "never-polled": 0, gone: 0 };
    for (const r of rows) {
      by[r.health] = r.n;
      by.total += r.n;
    }
    stats.sources = by;
    stats.failing = sql
      .exec<{
        url: string;
        errors: number;
        last_error: string | null;
        last_failure: string | null;
        last_fetch_at: number | null;
        discover: number;
      }>(
        `SELECT url, errors, last_error, last_failure, last_fetch_at, discover FROM source_registry
         WHERE gone = 0 AND errors > 0 ORDER BY errors DESC, url LIMIT ?`,
        MAX_ERRORS_KEPT,
      )
      .toArray()
      .map((r) => ({
        url: r.url,
        errors: r.errors,
        failure: r.last_failure,
        lastError: r.last_error,
        lastFetch: r.last_fetch_at === null ? null : new Date(r.last_fetch_at).toISOString(),
        pendingDiscovery: r.discover === 1,
      }));
  }
  return stats;
}

function hasTable(sql: SqlStorage, name: string): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0;
}
