import { DurableObject } from "cloudflare:workers";
import { readConfig } from "../config";
import type { Story } from "../story";
import type { FeedSite } from "../view/feed-view";
import type { StoryPage, StoryQuery } from "../view/story-query";
import { CATEGORY_MIGRATIONS } from "./categories";
import { CHANGE_MIGRATIONS, type ChangePage, listChanges, syncPositionOf } from "./change-log";
import { foldBatch, matchCopy } from "./fold-batch";
import { readFoldOptions } from "./fold-window";
import type { FoldResult, IncomingCopy } from "./incoming-copy";
import type { ItemRef, KnownBatch } from "./item-ref";
import { confirmKnown, knownStories } from "./known-items";
import { listStoriesPage, OUTPUT_MIGRATIONS } from "./list-stories";
import { mergedInto } from "./merge-stories";
import { type CycleRecord, type OpsStats, readOpsStats, saveCycle } from "./ops-stats";
import { Publisher } from "./publisher";
import { FOLD_MIGRATIONS, migrate, NEAR_MIGRATIONS, SOURCE_MIGRATIONS } from "./schema";
import * as registry from "./source-registry";
import { type SplitResult, type SplitTarget, splitCopy } from "./split";

export interface IngestOutcome {
  /** One per copy of the batch, in order. */
  results: FoldResult[];
  /** One per ref of the known batch, in order (all `unchanged`). */
  known: FoldResult[];
  /**
   * Refs of the known batch whose entry changed since the caller asked `knownItems` (another
   * ingest updated it): nothing was stored, and the caller sends them again as full copies.
   */
  stale: number[];
}

/** When a publish fails (KV unavailable), the alarm tries again this much later. */
const RETRY_PUBLISH_MS = 5_000;

/**
 * The fold index: the one strongly consistent place where "is this new, a copy, or an update?" is
 * decided (KV has no compare-and-set), and the single writer of the KV documents. One instance,
 * named "main", serves a deployment.
 *
 * Folding and publishing are decoupled: an ingest answers once its fold is committed and an alarm
 * is set; the alarm publishes everything marked dirty since the last publish, at most once per
 * `PUBLISH_MIN_INTERVAL_MS` (KV takes one write per second per key). The dirty marks and the alarm
 * are durable, so a crash between the commit and the publish is repaired when the alarm runs
 * again (the runtime retries an alarm whose handler did not finish).
 */
export class FoldIndex extends DurableObject<Env> {
  /** Public for tests only (fault injection swaps `publisher.deps.kv`; test support drains it). */
  readonly publisher: Publisher;
  /** The alarm this instance last set and that has not run yet (a mirror of storage, to skip calls). */
  private alarmAt: number | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "fold", FOLD_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "near", NEAR_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "sources", SOURCE_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "outputs", OUTPUT_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "changes", CHANGE_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "categories", CATEGORY_MIGRATIONS));
    const config = readConfig(env);
    this.publisher = new Publisher({
      sql: ctx.storage.sql,
      kv: env.FEEDFOLD_KV,
      site: () => this.site(),
      minIntervalMs: config.publishMinIntervalMs,
      now: () => Date.now(),
      lastRunAt: lastKvWriteAt(ctx.storage.sql),
    });
  }

  /**
   * For each ref, the story holding that item of `sourceId` with the same content hash, else null:
   * what lets an unchanged item skip fingerprinting and most of the ingest payload.
   */
  knownItems(sourceId: string, refs: ItemRef[]): Array<string | null> {
    return knownStories(this.ctx.storage.sql, sourceId, refs);
  }

  /**
   * Folds a batch (all or nothing) and schedules the publish; answers once both are durable. The
   * `known` refs are items the caller found unchanged through `knownItems`, checked again here.
   */
  async ingest(
    batch: IncomingCopy[],
    origin: string | undefined,
    known?: KnownBatch,
  ): Promise<IngestOutcome> {
    const sql = this.ctx.storage.sql;
    const now = new Date().toISOString();
    const outcome = this.ctx.storage.transactionSync((): IngestOutcome => {
      const confirmed = confirmKnown(sql, known);
      if (confirmed.stale.length > 0) return { results: [], known: [], stale: confirmed.stale };
      // Read before writing: a row read costs far less than a row written (Durable Object billing).
      if (origin && getMeta(sql, "origin") !== origin) setMeta(sql, "origin", origin);
      const results = batch.length > 0 ? foldBatch(sql, batch, now, readFoldOptions(this.env)) : [];
      return { results, known: confirmed.results, stale: [] };
    });
    await this.schedulePublish();
    return outcome;
  }
  /** Which stored story each copy would join, without storing anything (for /preview). */
  match(batch: IncomingCopy[]): Array<string | undefined> {
    const now = new Date().toISOString();
    const options = readFoldOptions(this.env);
    return batch.map((copy) => matchCopy(this.ctx.storage.sql, copy, now, options));
  }

  /** Detaches a copy from a story (an operator undoing a wrong fold); both stories publish as an ingest's do. */
  async split(storyId: string, target: SplitTarget): Promise<SplitResult> {
    const now = new Date().toISOString();
    const sql = this.ctx.storage.sql;
    // A split named by an absorbed id acts on the story it was merged into.
    const result = this.ctx.storage.transactionSync(() =>
      splitCopy(sql, mergedInto(sql, storyId) ?? storyId, target, now),
    );
    if (result.kind === "split") await this.schedulePublish();
    return result;
  }

  /**
   * Publishes every dirty mark (waiting for a publish already running, so when it returns all that
   * was committed before is in KV); a failed publish keeps the marks and tries again later.
   */
  override async alarm(): Promise<void> {
    this.alarmAt = undefined;
    try {
      await this.publisher.publish();
    } catch (err) {
      console.error(JSON.stringify({ event: "publish-error", message: String(err).slice(0, 500) }));
      // Retried every RETRY_PUBLISH_MS for as long as KV refuses (the runtime's own retries of a
      // failed alarm stop after six).
      await this.setAlarmAt(Date.now() + RETRY_PUBLISH_MS).catch(() => this.storageGone());
      return;
    }
    // Marks committed while this publish ran wait for the next allowed one.
    await this.schedulePublish().catch(() => this.storageGone());
  }

  /**
   * setAlarm failed: the object is being reset (storage broken, or aborted). Its dirty marks are
   * durable and the next instance's first ingest or the runtime's retry of this alarm publishes
   * them; throwing here would only leave a rejection nobody awaits.
   */
  private storageGone(): void {
    this.alarmAt = undefined;
  }

  /**
   * Sets the alarm for the next allowed publish when something is dirty, unless one is already
   * set at or before it: a burst of ingests shares one publish and one KV write.
   */
  private async schedulePublish(): Promise<void> {
    if (!this.publisher.hasPending()) return;
    const at = this.publisher.nextAllowedAt();
    if (this.alarmAt !== undefined && this.alarmAt <= at) return;
    await this.setAlarmAt(at);
  }

  private async setAlarmAt(at: number): Promise<void> {
    this.alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  /**
   * One page of stories newest first, strictly after `query.before`, optionally only those with a
   * copy from `query.sources` and containing `query.words` (bounded; see list-stories.ts).
   */
  listStories(query: StoryQuery): StoryPage {
    const sql = this.ctx.storage.sql;
    const page = listStoriesPage(sql, query);
    return {
      ...page,
      syncPosition: syncPositionOf(
        sql,
        page.stories.map((s) => s.id),
      ),
    };
  }

  /** The stories created or changed after change position `after`, oldest first (change-log.ts). */
  listChanges(after: number, limit: number): ChangePage {
    return listChanges(this.ctx.storage.sql, after, limit);
  }

  /** The survivor an absorbed story id was merged into (its id keeps answering with a redirect). */
  mergedInto(id: string): string | undefined {
    return mergedInto(this.ctx.storage.sql, id);
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

  /** The operator's view for GET /admin/stats (src/fold-index/ops-stats.ts). */
  opsStats(): OpsStats {
    return readOpsStats(this.ctx.storage.sql, Date.now());
  }

  /** Keeps the summary of the polling cycle that just ended, for GET /admin/stats. */
  recordCycle(cycle: CycleRecord): void {
    saveCycle(this.ctx.storage.sql, cycle);
  }

  /** Source registry (src/fold-index/source-registry.ts): each call is one synchronous transaction. */
  addSource(
    entry: registry.SourceEntry,
    limits: { maxSources: number; intervalS: number },
  ): registry.AddResult {
    return this.ctx.storage.transactionSync(() =>
      registry.addSource(this.ctx.storage.sql, entry, Date.now(), limits),
    );
  }

  importSources(
    entries: registry.SourceEntry[],
    limits: { maxSources: number; intervalS: number },
  ): { added: string[]; updated: string[]; full: string[] } {
    return this.ctx.storage.transactionSync(() =>
      registry.importSources(this.ctx.storage.sql, entries, Date.now(), limits),
    );
  }

  deleteSource(id: string): boolean {
    return this.ctx.storage.transactionSync(() => registry.deleteSource(this.ctx.storage.sql, id));
  }

  listSources(): registry.SourceStatus[] {
    return registry.listSources(this.ctx.storage.sql, Date.now());
  }

  /** Registers the SOURCES var's feeds (if new), then claims what is due: one call per cycle. */
  claimSources(options: {
    seeds: registry.SourceEntry[];
    intervalS: number;
    limit: number;
    force: boolean;
  }): { jobs: registry.PollJob[]; due: number } {
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    return this.ctx.storage.transactionSync(() => {
      registry.seedSources(sql, options.seeds, now, options.intervalS);
      return registry.claimDue(sql, { now, limit: options.limit, force: options.force });
    });
  }

  recordPoll(id: string, claim: string, patch: registry.PollPatch): boolean {
    return this.ctx.storage.transactionSync(() =>
      registry.recordPoll(this.ctx.storage.sql, id, claim, patch),
    );
  }

  private site(): FeedSite {
    const config = readConfig(this.env);
    const origin = config.publicUrl ?? getMeta(this.ctx.storage.sql, "origin") ?? "http://localhost:8787";
    return {
      origin,
      title: config.feedTitle,
      description: "Stories from many sources, each story once.",
      hubUrl: config.websubHub,
    };
  }
}

/** When the last KV write happened (kept by ops-stats.ts), so a restarted object keeps the spacing. */
function lastKvWriteAt(sql: SqlStorage): number | undefined {
  const raw = getMeta(sql, "kv_writes_day");
  const at =
    raw === undefined ? Number.NaN : Date.parse((JSON.parse(raw) as { lastAt?: string }).lastAt ?? "");
  return Number.isFinite(at) ? at : undefined;
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
