import { DurableObject } from "cloudflare:workers";
import { readConfig } from "../config";
import { readRelatedWindowHours } from "../relate/related-window";
import type { Story } from "../story";
import type { FeedSite } from "../view/feed-view";
import type { StoryPage, StoryQuery } from "../view/story-query";
import { CATEGORY_MIGRATIONS } from "./categories";
import { CHANGE_MIGRATIONS, type ChangePage } from "./change-log";
import { readFoldOptions } from "./fold-window";
import { Folding, type IngestOutcome } from "./folding";
import type { IncomingCopy } from "./incoming-copy";
import type { ItemRef, KnownBatch } from "./item-ref";
import { OUTPUT_MIGRATIONS } from "./list-stories";
import { getMeta } from "./meta";
import { type CycleRecord, type OpsStats, readOpsStats, saveCycle } from "./ops-stats";
import { PublishSchedule } from "./publish-schedule";
import { Publisher } from "./publisher";
import { RELATED_MIGRATIONS } from "./related-store";
import { FOLD_MIGRATIONS, migrate, NEAR_MIGRATIONS, SOURCE_MIGRATIONS } from "./schema";
import type * as registry from "./source-registry";
import { SourceRegistry } from "./source-registry-role";
import type { SplitResult, SplitTarget } from "./split";
import { StoryReader } from "./story-reader";

export type { IngestOutcome } from "./folding";

type Limits = { maxSources: number; intervalS: number };

/**
 * The fold index: the one strongly consistent place where "is this new, a copy, an update, or
 * does it merge two stories?" is decided (KV has no compare-and-set), and the single writer of the
 * KV documents. One instance, named "main", serves a deployment.
 *
 * This class only wires the migrations and the roles, and answers RPC calls with them, each role
 * readable alone: folding, merging and related coverage (folding.ts), publishing (publish-schedule.ts), reading
 * stories (story-reader.ts), the source registry (source-registry-role.ts) and the operator's
 * stats (ops-stats.ts).
 */
export class FoldIndex extends DurableObject<Env> {
  private readonly folding: Folding;
  private readonly publishing: PublishSchedule;
  private readonly reader: StoryReader;
  private readonly registry: SourceRegistry;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    for (const [module, migrations] of [
      ["fold", FOLD_MIGRATIONS],
      ["near", NEAR_MIGRATIONS],
      ["sources", SOURCE_MIGRATIONS],
      ["outputs", OUTPUT_MIGRATIONS],
      ["changes", CHANGE_MIGRATIONS],
      ["categories", CATEGORY_MIGRATIONS],
      ["related", RELATED_MIGRATIONS],
    ] as const) {
      ctx.storage.transactionSync(() => migrate(sql, module, migrations));
    }
    const config = readConfig(env);
    const publisher = new Publisher({
      sql,
      kv: env.FEEDFOLD_KV,
      site: () => this.site(),
      minIntervalMs: config.publishMinIntervalMs,
      now: () => Date.now(),
      lastRunAt: lastKvWriteAt(sql),
    });
    this.folding = new Folding(
      ctx.storage,
      () => readFoldOptions(env),
      () => ({ windowHours: readRelatedWindowHours(env) }),
    );
    this.publishing = new PublishSchedule(ctx.storage, publisher);
    this.reader = new StoryReader(sql);
    this.registry = new SourceRegistry(ctx.storage);
  }

  /** Public for tests only (fault injection swaps `publisher.deps.kv`; test support drains it). */
  get publisher(): Publisher {
    return this.publishing.publisher;
  }

  // Folding: each call one synchronous transaction, then the publish is scheduled.

  /** For each ref, the story holding that item unchanged, else null: unchanged items skip fingerprinting. */
  knownItems(sourceId: string, refs: ItemRef[]): Array<string | null> {
    return this.folding.knownItems(sourceId, refs);
  }

  /** Folds a batch (all or nothing) and schedules the publish; answers once both are durable. */
  async ingest(
    batch: IncomingCopy[],
    origin: string | undefined,
    known?: KnownBatch,
  ): Promise<IngestOutcome> {
    const outcome = this.folding.fold(batch, origin, known);
    await this.publishing.schedule();
    return outcome;
  }

  /** Which stored story each copy would join, without storing anything (for /preview). */
  match(batch: IncomingCopy[]): Array<string | undefined> {
    return this.folding.match(batch);
  }

  /** Detaches a copy from a story (an operator undoing a wrong fold); both stories publish as an ingest's do. */
  async split(storyId: string, target: SplitTarget): Promise<SplitResult> {
    const result = this.folding.split(storyId, target);
    if (result.kind === "split") await this.publishing.schedule();
    return result;
  }

  /**
   * Whether something committed is not in KV yet: the Worker then renders the default feeds from
   * here instead of the snapshot, so a reader sees an ingest as soon as it is answered.
   */
  publishPending(): boolean {
    return this.publishing.publisher.hasPending();
  }

  /** Publishing: the alarm publishes every dirty mark (publish-schedule.ts). */
  override async alarm(): Promise<void> {
    await this.publishing.run();
  }

  // Reading stories.

  listStories(query: StoryQuery): StoryPage {
    return this.reader.listStories(query);
  }

  listChanges(after: number, limit: number): ChangePage {
    return this.reader.listChanges(after, limit);
  }

  mergedInto(id: string): string | undefined {
    return this.reader.mergedInto(id);
  }

  getStory(id: string): Story | undefined {
    return this.reader.getStory(id);
  }

  stats(): { stories: number; copies: number; entries: number } {
    return this.reader.stats();
  }

  // The operator's view (ops-stats.ts).

  opsStats(): OpsStats {
    return readOpsStats(this.ctx.storage.sql, Date.now());
  }

  recordCycle(cycle: CycleRecord): void {
    saveCycle(this.ctx.storage.sql, cycle);
  }

  // The source registry (source-registry-role.ts).

  addSource(entry: registry.SourceEntry, limits: Limits): registry.AddResult {
    return this.registry.add(entry, limits);
  }

  importSources(
    entries: registry.SourceEntry[],
    limits: Limits,
  ): { added: string[]; updated: string[]; full: string[] } {
    return this.registry.import(entries, limits);
  }

  deleteSource(id: string): boolean {
    return this.registry.delete(id);
  }

  listSources(): registry.SourceStatus[] {
    return this.registry.list();
  }

  claimSources(options: {
    seeds: registry.SourceEntry[];
    intervalS: number;
    limit: number;
    force: boolean;
  }): { jobs: registry.PollJob[]; due: number } {
    return this.registry.claim(options);
  }

  recordPoll(id: string, claim: string, patch: registry.PollPatch): boolean {
    return this.registry.recordPoll(id, claim, patch);
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
