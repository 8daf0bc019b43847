import { DurableObject } from "cloudflare:workers";
import { readConfig } from "../config";
import { readRelatedWindowHours } from "../relate/related-window";
import type { Story } from "../story";
import type { FeedSite } from "../view/feed-view";
import type { StoryPage, StoryQuery } from "../view/story-query";
import { CATEGORY_MIGRATIONS } from "./categories";
import { CHANGE_MIGRATIONS, type ChangePage, listChanges, syncPositionOf } from "./change-log";
import { foldBatch, markDirty, matchCopy } from "./fold-batch";
import { readFoldOptions } from "./fold-window";
import type { FoldResult, IncomingCopy } from "./incoming-copy";
import { listStoriesPage, OUTPUT_MIGRATIONS } from "./list-stories";
import { mergedInto } from "./merge-stories";
import { type CycleRecord, type OpsStats, readOpsStats, saveCycle } from "./ops-stats";
import { Publisher } from "./publisher";
import { RELATED_MIGRATIONS, relateStories } from "./related-store";
import { FOLD_MIGRATIONS, migrate, NEAR_MIGRATIONS, SOURCE_MIGRATIONS } from "./schema";
import * as registry from "./source-registry";
import { type SplitResult, type SplitTarget, splitCopy } from "./split";

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
  /** Public for fault-injection tests only (runInDurableObject swaps `publisher.deps.kv`). */
  readonly publisher: Publisher;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "fold", FOLD_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "near", NEAR_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "sources", SOURCE_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "outputs", OUTPUT_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "changes", CHANGE_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "categories", CATEGORY_MIGRATIONS));
    ctx.storage.transactionSync(() => migrate(ctx.storage.sql, "related", RELATED_MIGRATIONS));
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
      // Read before writing: a row read costs far less than a row written (Durable Object billing).
      if (origin && getMeta(sql, "origin") !== origin) setMeta(sql, "origin", origin);
      return foldBatch(sql, batch, now, readFoldOptions(this.env), {
        windowHours: readRelatedWindowHours(this.env),
      });
    });
    if (!this.publisher.hasPending()) return { results };
    // Scheduled before publishing: if the object dies between the commit above and the KV write,
    // the alarm still rebuilds the feeds from the dirty marks (a no-op when the publish succeeds).
    await this.ctx.storage.setAlarm(Date.now() + RETRY_PUBLISH_MS);
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
    const now = new Date().toISOString();
    const options = readFoldOptions(this.env);
    return batch.map((copy) => matchCopy(this.ctx.storage.sql, copy, now, options));
  }

  /** Detaches a copy from a story (an operator undoing a wrong fold), then publishes both stories. */
  async split(storyId: string, target: SplitTarget): Promise<SplitResult> {
    const now = new Date().toISOString();
    const sql = this.ctx.storage.sql;
    // A split named by an absorbed id acts on the story it was merged into.
    const result = this.ctx.storage.transactionSync(() => {
      const split = splitCopy(sql, mergedInto(sql, storyId) ?? storyId, target, now);
      // Both stories are related afresh: each may now report another event's coverage.
      if (split.kind === "split") {
        const window = { windowHours: readRelatedWindowHours(this.env) };
        for (const id of relateStories(sql, [split.storyId, split.newStoryId], [], window))
          markDirty(sql, id);
      }
      return split;
    });
    if (result.kind === "split" && this.publisher.hasPending()) {
      try {
        await this.publisher.publish();
      } catch {
        await this.ctx.storage.setAlarm(Date.now() + RETRY_PUBLISH_MS);
      }
    }
    return result;
  }

  /** A retry for a publish that failed (KV unavailable); the dirty marks survived it. */
  override async alarm(): Promise<void> {
    if (this.publisher.hasPending()) await this.publisher.publish();
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
