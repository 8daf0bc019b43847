// Related coverage end to end (issue 18): the whole evaluation set with its related truth pushed
// through /ingest one item at a time, in the set's own (shuffled) order, then read back from
// /feed.json: the fold index's relation, as readers get it, measured against the truth.
import { describe, expect, it } from "vitest";
import { jsonFeedOf } from "../../fixtures/fold-eval/build-eval";
import { relatedEvalSet, relatedScores } from "../../fixtures/fold-eval/related-truth";
import { feedJson, ingest } from "../support/client";

describe("related coverage on the evaluation set, through the Worker", () => {
  it("relates what the truth relates, and nothing it forbids", async () => {
    const items = relatedEvalSet();
    const clusterOf = new Map<string, string>();
    for (const item of items) {
      const answer = await ingest(jsonFeedOf([item]), { contentType: "application/feed+json" });
      expect(answer.status).toBe(200);
      clusterOf.set(answer.body.results![0]!.item!, item.cluster);
    }
    const feed = (await feedJson("/feed.json?limit=500")) as unknown as {
      items: Array<{ id: string; _feedfold: { related?: Array<{ id: string }> } }>;
    };
    const pairs: Array<[string, string]> = [];
    for (const story of feed.items) {
      for (const other of story._feedfold.related ?? []) {
        pairs.push([clusterOf.get(story.id) ?? story.id, clusterOf.get(other.id) ?? other.id]);
      }
    }
    const scores = relatedScores(pairs);
    expect(scores.wrong).toEqual([]);
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.recall).toBeGreaterThanOrEqual(0.8);
  }, 240_000);
});
