import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildEvalSet, jsonFeedOf, pairwiseScores } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { feedJson, get, ingest, TOKEN } from "../support/client";

const CLUSTERS = new Set([
  "ferry-strike",
  "ferry-strike-rival",
  "ferry-strike-followup",
  "rail-tunnel",
  "rail-tunnel-followup",
  "zh-library",
  "zh-library-rival",
  "th-flood",
  "es-incendio",
  "es-incendio-followup",
  "score-0",
  "score-1",
  "score-2",
  "footer-post-0",
  "footer-post-1",
]);

async function push(item: EvalItem): Promise<string> {
  const answer = await ingest(jsonFeedOf([item]), { contentType: "application/feed+json" });
  expect(answer.status).toBe(200);
  return answer.body.results![0]!.item!;
}

interface CopyJson {
  id: string;
  url?: string;
  match: string;
  score?: number;
  source: { id: string };
}

describe("near-duplicate and summary folding through /ingest", () => {
  it("makes one story per labelled cluster and never merges two", async () => {
    const items = buildEvalSet().filter((item) => CLUSTERS.has(item.cluster));
    const predicted: string[] = [];
    for (const item of items) predicted.push(await push(item));
    const scores = pairwiseScores(items, predicted);
    expect(scores.falseMerges.map(([a, b]) => `${a.cluster}/${a.role}+${b.cluster}/${b.role}`)).toEqual([]);
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);

    const feed = await feedJson("/feed.json?limit=100");
    expect(feed.items).toHaveLength(new Set(predicted).size);
    const ferry = feed.items.find(
      (i) => i.id === predicted[items.findIndex((x) => x.cluster === "ferry-strike")],
    );
    const copies = ferry!._feedfold.copies as unknown as CopyJson[];
    // Canonical: the original (earliest), its title without a site suffix.
    expect(ferry!.title).toBe("Ferry crews walk out over night-shift rota");
    expect(copies[0]!.url).toBe(
      items.find((x) => x.cluster === "ferry-strike" && x.role === "original")!.url,
    );
    expect(copies.filter((c) => c.match === "first")).toHaveLength(1);
    const kinds = new Set(copies.map((c) => c.match));
    expect([...kinds].some((k) => k === "near" || k === "summary")).toBe(true);
    for (const copy of copies) {
      if (copy.match === "near" || copy.match === "summary") {
        expect(copy.score).toBeGreaterThan(0.5);
        expect(copy.score).toBeLessThanOrEqual(1);
      } else expect(copy.score).toBeUndefined();
    }
  });

  it("folds an AMP copy of the same page as same-url", async () => {
    const items = buildEvalSet().filter((i) => i.cluster === "th-flood");
    const original = items.find((i) => i.role === "original")!;
    const story = await push(original);
    const amp = {
      ...original,
      source: { ...original.source, feedUrl: "https://amp-cache.example/feed.json", title: "AMP cache" },
      id: "amp-copy-1",
      url: original.url.replace("https://", "https://amp.").concat("?outputType=amp"),
    };
    expect(await push(amp)).toBe(story);
  });
});

describe("POST /items/{id}/split", () => {
  async function split(id: string, body: unknown, token: string | null = TOKEN): Promise<Response> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    return exports.default.fetch(`http://feedfold.test/items/${id}/split`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
  }

  it("detaches a copy into its own story, for good", async () => {
    const items = buildEvalSet().filter((i) => i.cluster === "es-incendio");
    const original = items.find((i) => i.role === "original")!;
    const other = items.find((i) => i.role !== "original" && i.role !== "amp")!;
    const story = await push(original);
    expect(await push(other)).toBe(story);

    expect((await split(story, { copy: other.id }, null)).status).toBe(401);
    expect((await split(story, { copy: "no-such-copy" })).status).toBe(404);
    const res = await split(story, { copy: other.id });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      item: { id: string; _feedfold: { copies: CopyJson[] } };
      split: { id: string; _feedfold: { copies: CopyJson[] } };
    };
    expect(answer.item.id).toBe(story);
    expect(answer.item._feedfold.copies.map((c) => c.id)).toEqual([original.id]);
    expect(answer.split.id).not.toBe(story);
    expect(answer.split._feedfold.copies.map((c) => [c.id, c.match])).toEqual([[other.id, "first"]]);

    // Re-ingesting the copy (changed or not) keeps it apart; so does the same copy under a new id.
    const again = await ingest(jsonFeedOf([other]), { contentType: "application/feed+json" });
    expect(again.body.results![0]).toMatchObject({ status: "unchanged", item: answer.split.id });
    const edited = await ingest(jsonFeedOf([{ ...other, title: `${other.title}!` }]), {
      contentType: "application/feed+json",
    });
    expect(edited.body.results![0]).toMatchObject({ status: "updated", item: answer.split.id });
    expect(await push({ ...other, id: `${other.id}-reposted` })).toBe(answer.split.id);
    expect((await feedJson()).items.map((i) => i.id).sort()).toEqual([story, answer.split.id].sort());
    // The repost under a new id is listed beside the copy it repeats: nothing accepted is lost.
    const splitStory = (await (await get(`/items/${answer.split.id}`)).json()) as {
      _feedfold: { copies: CopyJson[] };
    };
    expect(splitStory._feedfold.copies.map((c) => c.id).sort()).toEqual(
      [other.id, `${other.id}-reposted`].sort(),
    );
    expect((await split(story, { copy: original.id })).status).toBe(409);
    const item = await get(`/items/${story}`);
    expect(((await item.json()) as { _feedfold: { copies: CopyJson[] } })._feedfold.copies).toHaveLength(1);
  });
});
