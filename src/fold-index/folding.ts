import { foldBatch, markDirty, matchCopy } from "./fold-batch";
import type { FoldOptions } from "./fold-window";
import type { FoldResult, IncomingCopy } from "./incoming-copy";
import type { ItemRef, KnownBatch } from "./item-ref";
import { KnownAnswers } from "./known-answers";
import { confirmKnown, knownStories } from "./known-items";
import { mergedInto } from "./merge-stories";
import { getMeta, setMeta } from "./meta";
import { forgetDocumentCounts } from "./related-index";
import { type RelatedOptions, relateStories } from "./related-store";
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

/**
 * The fold index's folding role: "new, copy, update or merge?" (fold-batch.ts, merge-stories.ts),
 * the related coverage that follows each change (related-store.ts) and the operator's split,
 * each one synchronous transaction, so no `await` separates a check
 * from its insert. Publishing what changed is publish-schedule.ts's job.
 */
export class Folding {
  /** What `knownItems` answered lately, while no fold or split has run since (known-answers.ts). */
  private readonly answers = new KnownAnswers();

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly options: () => FoldOptions,
    private readonly related: () => RelatedOptions,
  ) {}

  /** For each ref, the story holding that item unchanged, else null (known-items.ts). */
  knownItems(sourceId: string, refs: ItemRef[]): Array<string | null> {
    const stories = knownStories(this.storage.sql, sourceId, refs);
    this.answers.remember(sourceId, refs, stories);
    return stories;
  }

  /**
   * Folds a batch, all or nothing; the `known` refs are checked again in the same transaction
   * (from the answer `knownItems` gave them when nothing has written entries since).
   */
  fold(batch: IncomingCopy[], origin: string | undefined, known: KnownBatch | undefined): IngestOutcome {
    const sql = this.storage.sql;
    const now = new Date().toISOString();
    try {
      return this.transaction((): IngestOutcome => {
        const confirmed = this.answers.confirm(known) ?? confirmKnown(sql, known);
        if (confirmed.stale.length > 0) return { results: [], known: [], stale: confirmed.stale };
        // Read before writing: a row read costs far less than a row written (Durable Object billing).
        if (origin && getMeta(sql, "origin") !== origin) setMeta(sql, "origin", origin);
        const results = batch.length > 0 ? foldBatch(sql, batch, now, this.options(), this.related()) : [];
        return { results, known: confirmed.results, stale: [] };
      });
    } finally {
      this.answers.forget();
    }
  }

  /** Which stored story each copy would join, without storing anything (for /preview). */
  match(batch: IncomingCopy[]): Array<string | undefined> {
    const now = new Date().toISOString();
    const options = this.options();
    return batch.map((copy) => matchCopy(this.storage.sql, copy, now, options));
  }

  /** Detaches a copy from a story; a split named by an absorbed id acts on its survivor. */
  split(storyId: string, target: SplitTarget): SplitResult {
    const sql = this.storage.sql;
    const now = new Date().toISOString();
    this.answers.forget();
    return this.transaction(() => {
      const split = splitCopy(sql, mergedInto(sql, storyId) ?? storyId, target, now);
      // Both stories are related afresh: each may now report another event's coverage.
      if (split.kind === "split") {
        for (const id of relateStories(sql, [split.storyId, split.newStoryId], [], this.related())) {
          markDirty(sql, id);
        }
      }
      return split;
    });
  }

  /**
   * A write transaction: all or nothing. Rolled back, it may have moved the related index's
   * document counts the object holds (related-index.ts), so they are forgotten with it.
   */
  private transaction<T>(write: () => T): T {
    try {
      return this.storage.transactionSync(write);
    } catch (err) {
      forgetDocumentCounts(this.storage.sql);
      throw err;
    }
  }
}
