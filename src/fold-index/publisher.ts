import { sha256Hex } from "../fold/sha256";
import { logEvent } from "../log-event";
import { purgeCachedFeeds } from "../store/feed-cache";
import { SNAPSHOT_FORMATS, type SnapshotFormat } from "../store/keys";
import { type Snapshot, type SnapshotMeta, writeSnapshots } from "../store/kv-store";
import type { Story } from "../story";
import { DEFAULT_LIMIT, type FeedSite, renderView, viewPath } from "../view/feed-view";
import { pageOf } from "../view/story-query";
import { syncPositionOf } from "./change-log";
import { countKvWrite } from "./ops-stats";
import { readPageCategories, readPageSources } from "./page-sources";
import { type FetchLike, pingHub } from "./websub-ping";

export interface PublishDeps {
  sql: SqlStorage;
  kv: KVNamespace;
  site: () => FeedSite;
  /** KV accepts one write per second per key; publishes closer together are spaced out. */
  minIntervalMs: number;
  now: () => number;
  /** For WebSub pings (tests pass a fake); defaults to the global fetch. */
  fetch?: FetchLike;
  /** When the last publish ran (ms), if known from storage: a new object keeps the spacing. */
  lastRunAt?: number;
}

/**
 * Writes what changed in the fold index to KV: the pre-rendered default feeds, all four under one
 * key, in one write, and only when some document's bytes changed (a copy folded into a story that
 * is not on the first page changes nothing there, so it costs no write). Story documents stay in
 * the fold index. Publishes are serialized and coalesced: a caller waits for a publish that
 * *started after* its call, so when `publish()` resolves everything folded before the call is in
 * KV, and any number of concurrent callers share one run (and one write). The fold index calls it
 * from its alarm, set for `nextAllowedAt()`, so a run never has to wait for the spacing itself.
 */
export class Publisher {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private lastRunAt = 0;

  /** `deps` is public so fault-injection tests can wrap `deps.kv`; nothing else changes it. */
  constructor(readonly deps: PublishDeps) {
    this.lastRunAt = deps.lastRunAt ?? 0;
  }

  /** The earliest time (ms) the next run may write to KV: now, or one spacing after the last run. */
  nextAllowedAt(): number {
    return Math.max(this.deps.now(), this.lastRunAt + this.deps.minIntervalMs);
  }

  publish(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    if (!this.queued) {
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.publish();
        });
    }
    return this.queued;
  }

  /** True when stories changed since the last successful publish. */
  hasPending(): boolean {
    return this.deps.sql.exec("SELECT 1 FROM dirty LIMIT 1").toArray().length > 0;
  }

  private async run(): Promise<void> {
    const { sql, kv } = this.deps;
    const wait = this.lastRunAt + this.deps.minIntervalMs - this.deps.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastRunAt = this.deps.now();

    const maxSeq = sql.exec<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM dirty").one().seq ?? 0;
    const head = sql
      .exec<{ doc: string }>(
        "SELECT doc FROM stories ORDER BY sort_date DESC, id DESC LIMIT ?",
        DEFAULT_LIMIT + 1,
      )
      .toArray()
      .map((r) => JSON.parse(r.doc) as Story);
    const site = this.deps.site();
    const lastModified = new Date(this.deps.now()).toUTCString();
    const docs: Partial<Record<SnapshotFormat, Snapshot>> = {};
    const changed: SnapshotFormat[] = [];
    const held = heldMeta(sql);
    const page = pageOf(head, DEFAULT_LIMIT, { exhausted: true });
    // Read with the stories, before any await, so the cursor and the stories agree.
    const syncPosition = syncPositionOf(
      sql,
      page.stories.map((story) => story.id),
    );
    for (const format of SNAPSHOT_FORMATS) {
      const body = renderView(format, page.stories, site, {
        limit: DEFAULT_LIMIT,
        next: page.next,
        syncPosition,
        pageSources: format === "html" ? readPageSources(sql, site.origin, this.deps.now()) : undefined,
        pageCategories: format === "html" ? readPageCategories(sql, site.origin) : undefined,
      });
      const etag = await etagOf(body);
      const before = held[format];
      if (before?.etag === etag) {
        docs[format] = { body, meta: before };
      } else {
        docs[format] = { body, meta: { etag, lastModified } };
        changed.push(format);
      }
    }
    if (changed.length > 0) {
      await writeSnapshots(kv, docs);
      countKvWrite(sql, this.deps.now());
      const written = Object.fromEntries(Object.entries(docs).map(([format, doc]) => [format, doc.meta]));
      sql.exec(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        SNAPSHOT_META,
        JSON.stringify(written),
      );
    }
    sql.exec("DELETE FROM dirty WHERE seq <= ?", maxSeq);
    if (changed.length > 0) await this.announce(site, changed);
  }

  /**
   * After new snapshots: drop the cached copies in this data centre (src/store/feed-cache.ts) and
   * ping the WebSub hub for the feeds that changed. Neither may fail the publish: the snapshots are
   * already in KV, caches expire, and readers poll anyway.
   */
  private async announce(site: FeedSite, changed: SnapshotFormat[]): Promise<void> {
    try {
      await purgeCachedFeeds(site.origin, changed);
    } catch (err) {
      logEvent(
        "feed-cache-purge-failed",
        { error: err instanceof Error ? err.message : String(err) },
        "warn",
      );
    }
    const topics = changed.filter((f) => f !== "html").map((f) => `${site.origin}${viewPath(f)}`);
    if (site.hubUrl === undefined || topics.length === 0) return;
    const send = this.deps.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
    for (const outcome of await pingHub(site.hubUrl, topics, send)) {
      if (outcome.error !== undefined || (outcome.status ?? 0) >= 400) {
        logEvent(
          "websub-ping-failed",
          { topic: outcome.topic, error: outcome.error, status: outcome.status },
          "warn",
        );
      }
    }
  }
}

/** The `meta` row holding the validators of the documents last written to KV (one row, one write). */
const SNAPSHOT_META = "snapshot_meta";

function heldMeta(sql: SqlStorage): Partial<Record<SnapshotFormat, SnapshotMeta>> {
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", SNAPSHOT_META).toArray()[0];
  return row ? (JSON.parse(row.value) as Partial<Record<SnapshotFormat, SnapshotMeta>>) : {};
}

/** A strong ETag from the bytes, so the same document always has the same ETag. */
export async function etagOf(body: string): Promise<string> {
  return `"${(await sha256Hex(body)).slice(0, 24)}"`;
}
