import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";
import type { IncomingCopy } from "../../../src/fold-index/incoming-copy";
import { prepareCopies } from "../../../src/ingest/prepare-copies";
import { identifySource } from "../../../src/ingest/source-identity";
import { buildEvalSet, jsonFeedOf } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { MemoryFold } from "./memory-fold";

/**
 * The fold's result does not depend on arrival order (issue: "Order-free result"): the whole
 * evaluation set, in random orders and cut into random batches (one batch is one document's
 * transaction), gives the labelled clusters every time, and every accepted item is counted in
 * exactly one story. The decision code is the fold index's own (decideFold), on MemoryFold.
 */

const items = buildEvalSet();
let prepared: IncomingCopy[] = [];

beforeAll(async () => {
  prepared = await Promise.all(
    items.map(async (item: EvalItem) => {
      const feed = parseFeed(new TextEncoder().encode(jsonFeedOf([item])));
      const copies = await prepareCopies(feed, await identifySource(feed, undefined));
      const copy = copies[0];
      if (copy?.kind !== "copy") throw new Error(`eval item ${item.cluster}/${item.role} was not accepted`);
      return copy.copy;
    }),
  );
});

/** The partition of item indices that story ids make, as a canonical string. */
function partition(storyOf: readonly string[]): string {
  const groups = new Map<string, number[]>();
  storyOf.forEach((story, index) => {
    groups.set(story, [...(groups.get(story) ?? []), index]);
  });
  return [...groups.values()]
    .map((g) => g.join(","))
    .sort()
    .join(" | ");
}

/**
 * Folds the items in `order`, cut into documents: a document holds items of one source only (as a
 * feed does), and ends where the source changes or after `cuts[k]` items.
 */
function foldInOrder(order: readonly number[], cuts: readonly number[]) {
  const fold = new MemoryFold();
  const storyOf = new Array<string>(items.length);
  const documents: number[][] = [];
  let cut = 0;
  for (const index of order) {
    const last = documents.at(-1);
    const sameSource = last && prepared[last[0]!]!.source.id === prepared[index]!.source.id;
    if (last && sameSource && last.length < (cuts[cut] ?? 1)) last.push(index);
    else {
      if (last) cut++;
      documents.push([index]);
    }
  }
  for (const document of documents) {
    fold.foldBatch(document.map((i) => prepared[i]!)).forEach((result, k) => {
      storyOf[document[k]!] = result.storyId;
    });
  }
  return { fold, storyOf: storyOf.map((id) => fold.resolve(id)) };
}

/** Each source's items as one whole-feed document, sources in the given order. */
function wholeFeedsOrder(): number[] {
  const bySource = new Map<string, number[]>();
  items.forEach((_, i) => {
    const source = prepared[i]!.source.id;
    bySource.set(source, [...(bySource.get(source) ?? []), i]);
  });
  return [...bySource.values()].flat();
}

describe("order-free folding", () => {
  it("gives the labelled clusters in file order", () => {
    const truth = partition(items.map((item) => item.cluster));
    const { storyOf } = foldInOrder(
      items.map((_, i) => i),
      [],
    );
    expect(partition(storyOf)).toBe(truth);
  });

  it("gives them when each source's items come as one whole feed", () => {
    const truth = partition(items.map((item) => item.cluster));
    const order = wholeFeedsOrder();
    for (const sequence of [order, [...order].reverse()]) {
      const { storyOf } = foldInOrder(
        sequence,
        sequence.map(() => items.length),
      );
      expect(partition(storyOf)).toBe(truth);
    }
  });

  it("gives the same clusters in any arrival order and any cut into documents", () => {
    const truth = partition(items.map((item) => item.cluster));
    const indices = items.map((_, i) => i);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 40 }),
        (order, cuts) => {
          const { fold, storyOf } = foldInOrder(order, cuts);
          expect(partition(storyOf)).toBe(truth);
          // Every item is held by exactly one live story: absorbed stories hold nothing.
          for (const id of storyOf) expect(fold.merges.has(id)).toBe(false);
        },
      ),
      { seed: 1312, numRuns: 25 },
    );
    // A bound for a busy 2-core CI machine, not a speed claim: 25 folds of the set take seconds.
  }, 180_000);
});
