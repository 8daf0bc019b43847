// The order-free promise on the real fold index (SQLite in the Durable Object, through /ingest):
// random arrival orders and random cuts into documents give the labelled clusters, and every
// accepted item is listed exactly once, in the story its result names (or that story's survivor).
// The whole evaluation set runs through MemoryFold in test/unit/fold-index/order-free.property.test.ts;
// here a smaller set, with copies that need merges, runs a few times through the Worker.
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildEvalSet, jsonFeedOf } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { ingest } from "../support/client";

const CLUSTERS = new Set([
  "bakery-prize",
  "chess-prodigy",
  "score-0",
  "score-1",
  "footer-post-0",
  "footer-post-1",
]);
const items = buildEvalSet().filter((i) => CLUSTERS.has(i.cluster));

async function emptyStore(): Promise<void> {
  const stub = env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
  await runInDurableObject(stub, async (_instance, state) => {
    // A publish alarm of the previous run must not fire into the emptied store.
    await state.storage.deleteAlarm();
    await state.storage.deleteAll();
  });
  await abortAllDurableObjects();
}

/** The story an id names now: itself, or the survivor its 301 points to. */
async function liveStory(
  id: string,
): Promise<{ id: string; copies: Array<{ id: string; source: { id: string } }> }> {
  for (let hops = 0; hops < 3; hops++) {
    const res = await exports.default.fetch(`http://feedfold.test/items/${id}`, { redirect: "manual" });
    if (res.status === 301) {
      id = new URL(res.headers.get("Location")!, "http://x").pathname.slice("/items/".length);
      continue;
    }
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      id: string;
      _feedfold: { copies: Array<{ id: string; source: { id: string } }> };
    };
    return { id: doc.id, copies: doc._feedfold.copies };
  }
  throw new Error(`redirect chain from ${id}`);
}

function partition(labels: readonly string[]): string {
  const groups = new Map<string, number[]>();
  labels.forEach((label, index) => {
    groups.set(label, [...(groups.get(label) ?? []), index]);
  });
  return [...groups.values()]
    .map((g) => g.join(","))
    .sort()
    .join(" | ");
}

describe("order-free folding through the fold index", () => {
  it("gives the labelled clusters and lists every accepted item once, in any order and cut", async () => {
    expect(items.length).toBeGreaterThanOrEqual(15);
    const truth = partition(items.map((i) => i.cluster));
    const indices = items.map((_, i) => i);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: items.length }),
        async (order, cuts) => {
          await emptyStore();
          // Documents of one source only, as feeds are: a run of the order from one source, cut.
          const documents: EvalItem[][] = [];
          let cut = 0;
          for (const index of order) {
            const item = items[index]!;
            const last = documents.at(-1);
            if (last && last[0]!.source.feedUrl === item.source.feedUrl && last.length < (cuts[cut] ?? 1))
              last.push(item);
            else {
              if (last) cut++;
              documents.push([item]);
            }
          }
          const storyOf = new Map<EvalItem, string>();
          for (const document of documents) {
            const answer = await ingest(jsonFeedOf(document), { contentType: "application/feed+json" });
            expect(answer.status).toBe(200);
            answer.body.results!.forEach((result, k) => {
              expect(result.status).toMatch(/^(new|duplicate)$/);
              storyOf.set(document[k]!, result.item!);
            });
          }
          const live = new Map<string, Awaited<ReturnType<typeof liveStory>>>();
          const labels: string[] = [];
          for (const item of items) {
            const story = await liveStory(storyOf.get(item)!);
            live.set(story.id, story);
            labels.push(story.id);
            // Listed in the story its result names (after the redirect), exactly once.
            expect(story.copies.filter((c) => c.id === item.id)).toHaveLength(1);
          }
          expect(partition(labels)).toBe(truth);
          // And nowhere else: the live stories list exactly the accepted items.
          const listed = [...live.values()].flatMap((s) => s.copies.map((c) => c.id)).sort();
          expect(listed).toEqual(items.map((i) => i.id).sort());
        },
      ),
      { seed: 2026, numRuns: 6 },
    );
    // A bound for a busy 2-core CI machine, not a speed claim.
  }, 300_000);
});
