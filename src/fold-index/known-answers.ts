import type { FoldResult } from "./incoming-copy";
import type { ItemRef, KnownBatch } from "./item-ref";

/** Sources whose answers are kept at most (concurrent ingests; each fold forgets them all anyway). */
const MAX_SOURCES = 64;

interface HeldItem {
  contentHash: string;
  storyId: string;
}

/**
 * What the fold index answered to `knownItems` lately, kept in the object's memory so that the
 * fold which follows (the same ingest's second call) need not read the same entries again, a row
 * each. Exact, not a guess: the object is the only writer of `entries`, only folds and splits
 * write them, and each one forgets every answer, so an answer still held is what a read would
 * find. A new object (after a restart or an eviction) holds none and reads.
 */
export class KnownAnswers {
  private readonly bySource = new Map<string, Map<string, HeldItem>>();

  /** Keeps the items `knownItems` found held unchanged (the rest will be sent in full). */
  remember(sourceId: string, refs: readonly ItemRef[], stories: ReadonlyArray<string | null>): void {
    const held = new Map<string, HeldItem>();
    refs.forEach((ref, i) => {
      const storyId = stories[i];
      if (storyId != null) held.set(ref.itemKey, { contentHash: ref.contentHash, storyId });
    });
    this.bySource.delete(sourceId);
    this.bySource.set(sourceId, held);
    for (const oldest of this.bySource.keys()) {
      if (this.bySource.size <= MAX_SOURCES) break;
      this.bySource.delete(oldest);
    }
  }

  /**
   * The known batch's results when every ref is an answer still held with the same content hash;
   * undefined when any is not (the caller reads them all: known-items.ts confirmKnown).
   */
  confirm(known: KnownBatch | undefined): { results: FoldResult[]; stale: number[] } | undefined {
    if (known === undefined) return undefined;
    const held = this.bySource.get(known.sourceId);
    if (held === undefined) return undefined;
    const results: FoldResult[] = [];
    for (const ref of known.refs) {
      const item = held.get(ref.itemKey);
      if (item === undefined || item.contentHash !== ref.contentHash) return undefined;
      results.push({ status: "unchanged", storyId: item.storyId });
    }
    return { results, stale: [] };
  }

  /** Called by every fold and split: entries may change, so no answer holds any more. */
  forget(): void {
    this.bySource.clear();
  }
}
