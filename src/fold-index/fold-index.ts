import { DurableObject } from "cloudflare:workers";
import { readConfig } from "../config";
import type { Story } from "../story";
import type { FeedSite } from "../view/feed-view";
import type { PageCursor } from "../view/page-cursor";
import { foldBatch, matchCopy } from "./fold-batch";
import type { FoldResult, IncomingCopy } from "./incoming-copy";
import { Publisher } from "./publisher";
import { FOLD_MIGRATIONS, migrate } from "./schema";

export interface IngestOutcome {
  results: FoldResult[];
  /** Set when the fold was recorded but KV could not be updated; an alarm retries it. */
  publishError?: string;
}

const RETRY_PUBLISH_MS = 30_000;

/**
 * The fold index: the one strongly consistent place where "is this new, a copy, or an update?" is
 * decided (KV has no compare-and-set), and the single writer of the KV documents. One instance,
 * named "main", serves a deployment.
 */
export class FoldIndex extends DurableObject<Env> {
  private readonly publisher: Publisher;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "fold", FOLD_MIGRATIONS));
    const config = readConfig(env);
    this.publisher = new Publisher({
      sql: ctx.storage.sql,
      kv: env.FEEDFOLD_KV,
      site: () => this.site(),
      minIntervalMs: config.publishMinIntervalMs,
      now: () => Date.now(),
    });
  }

  /** Folds a batch (all or nothing), then publishes what changed. */
  async ingest(batch: IncomingCopy[], origin: string | undefined): Promise<IngestOutcome> {
    const sql = this.ctx.storage.sql;
    const now = new Date().toISOString();
    const results = this.ctx.storage.transactionSync(() => {
      if (origin) setMeta(sql, "origin", origin);
      return foldBatch(sql, batch, now);
    });
    if (!this.publisher.hasPending()) return { results };
    try {
      await this.publisher.publish();
      return { results };
    } catch (err) {
      await this.ctx.storage.setAlarm(Date.now() + RETRY_PUBLISH_MS);
      return { results, publishError: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Which stored story each copy would join, without storing anything (for /preview). */
  match(batch: IncomingCopy[]): Array<string | undefined> {
    return batch.map((copy) => matchCopy(this.ctx.storage.sql, copy));
  }

  /** A retry for a publish that failed (KV unavailable); the dirty marks survived it. */
  override async alarm(): Promise<void> {
    if (this.publisher.hasPending()) await this.publisher.publish();
  }

  /** Stories newest first, strictly after `before`; `limit + 1` rows so callers see if more exist. */
  listStories(before: PageCursor | undefined, limit: number): Story[] {
    const sql = this.ctx.storage.sql;
    const rows = before
      ? sql.exec<{ doc: string }>(
          `SELECT doc FROM stories WHERE sort_date < ?1 OR (sort_date = ?1 AND id < ?2)
           ORDER BY sort_date DESC, id DESC LIMIT ?3`,
          before.sortDate,
          before.id,
          limit + 1,
        )
      : sql.exec<{ doc: string }>(
          "SELECT doc FROM stories ORDER BY sort_date DESC, id DESC LIMIT ?",
          limit + 1,
        );
    return rows.toArray().map((r) => JSON.parse(r.doc) as Story);
  }

  getStory(id: string): Story | undefined {
    const row = this.ctx.storage.sql
      .exec<{ doc: string }>("SELECT doc FROM stories WHERE id = ?", id)
      .toArray()[0];
    return row ? (JSON.parse(row.doc) as Story) : undefined;
  }

  /** Counts for /healthz and the demo seeding: cheap, indexed. */
  stats(): { stories: number; copies: number; entries: number } {
    const sql = this.ctx.storage.sql;
    const n = (q: string) => sql.exec<{ n: number }>(q).one().n;
    return {
      stories: n("SELECT COUNT(*) AS n FROM stories"),
      copies: n("SELECT COUNT(*) AS n FROM copies"),
      entries: n("SELECT COUNT(*) AS n FROM entries"),
    };
  }

  private site(): FeedSite {
    const config = readConfig(this.env);
    const origin = config.publicUrl ?? getMeta(this.ctx.storage.sql, "origin") ?? "http://localhost:8787";
    return { origin, title: config.feedTitle, description: "Stories from many sources, each story once." };
  }
}

function getMeta(sql: SqlStorage, key: string): string | undefined {
  return sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
}

function setMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    key,
    value,
  );
}
