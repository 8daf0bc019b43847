import { type SnapshotFormat, snapshotKey, storyKey } from "../store/keys";
import { writeSnapshot, writeStory } from "../store/kv-store";
import type { Story } from "../story";
import { DEFAULT_LIMIT, type FeedSite, renderView } from "../view/feed-view";

export interface PublishDeps {
  sql: SqlStorage;
  kv: KVNamespace;
  site: () => FeedSite;
  /** KV accepts one write per second per key; publishes closer together are spaced out. */
  minIntervalMs: number;
  now: () => number;
}

const FORMATS: readonly SnapshotFormat[] = ["rss", "atom", "json", "html"];

/**
 * Writes what changed in the fold index to KV: the changed stories and the pre-rendered default
 * feeds. Publishes are serialized and coalesced: a caller waits for a publish that *started after*
 * its call, so when `publish()` resolves everything folded before the call is in KV, and any
 * number of concurrent callers share one run. Feeds are written only when their bytes changed.
 */
export class Publisher {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private lastRunAt = 0;

  constructor(private readonly deps: PublishDeps) {}

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

    const dirty = sql.exec<{ story_id: string; seq: number }>("SELECT story_id, seq FROM dirty").toArray();
    const maxSeq = dirty.reduce((m, d) => Math.max(m, d.seq), 0);
    for (const { story_id } of dirty) {
      const doc = sql
        .exec<{ doc: string }>("SELECT doc FROM stories WHERE id = ?", story_id)
        .toArray()[0]?.doc;
      if (doc) await writeStory(kv, storyKey(story_id), doc);
    }
    const head = sql
      .exec<{ doc: string }>(
        "SELECT doc FROM stories ORDER BY sort_date DESC, id DESC LIMIT ?",
        DEFAULT_LIMIT + 1,
      )
      .toArray()
      .map((r) => JSON.parse(r.doc) as Story);
    const site = this.deps.site();
    for (const format of FORMATS) {
      const body = renderView(format, head, site, { limit: DEFAULT_LIMIT });
      const etag = await etagOf(body);
      const metaKey = `snapshot_etag:${format}`;
      const held = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", metaKey).toArray()[0];
      if (held?.value === etag) continue;
      await writeSnapshot(kv, snapshotKey(format), body, {
        etag,
        lastModified: new Date(this.deps.now()).toUTCString(),
      });
      sql.exec(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        metaKey,
        etag,
      );
    }
    sql.exec("DELETE FROM dirty WHERE seq <= ?", maxSeq);
  }
}

/** A strong ETag from the bytes, so the same document always has the same ETag. */
export async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}
