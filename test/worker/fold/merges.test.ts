// Story merges and "nothing lost" through the Worker (issue: folding you can trust): copies that
// arrive before what unites them, a bridge between two stories, the absorbed id's 301, a split
// after a merge, concurrent ingests that merge, and a page of title-less posts told apart only
// by their #fragment.
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";
import type { MatchFeatures } from "../../../src/fold/match-features";
import { verifyPair } from "../../../src/fold/near-verify";
import { prepareCopies } from "../../../src/ingest/prepare-copies";
import { identifySource } from "../../../src/ingest/source-identity";
import { buildEvalSet, jsonFeedOf } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { get, ingest, TOKEN } from "../support/client";

const bakery = buildEvalSet().filter((i) => i.cluster === "bakery-prize");
const role = (name: string): EvalItem => {
  const item = bakery.find((i) => i.role === name);
  if (!item) throw new Error(`no bakery-prize/${name} in the evaluation set`);
  return item;
};

async function push(item: EvalItem): Promise<{ id: string; item: string; status: string }> {
  const answer = await ingest(jsonFeedOf([item]), { contentType: "application/feed+json" });
  expect(answer.status).toBe(200);
  return answer.body.results![0] as { id: string; item: string; status: string };
}

interface ItemJson {
  id: string;
  url?: string;
  _feedfold: { copies: Array<{ id: string; url?: string; match: string; source: { id: string } }> };
}

async function item(id: string): Promise<ItemJson> {
  const res = await get(`/items/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ItemJson;
}

async function stats(): Promise<{
  items: number;
  copies: number;
  unlisted: number;
  merged: number;
  stories: number;
}> {
  const res = await get("/admin/stats", { Authorization: `Bearer ${TOKEN}` });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    items: number;
    copies: number;
    unlisted: number;
    merged: number;
    stories: number;
  };
}

/** The match features /ingest computes for an eval item. */
async function featuresOf(x: EvalItem): Promise<MatchFeatures> {
  const feed = parseFeed(new TextEncoder().encode(jsonFeedOf([x])));
  const [prepared] = await prepareCopies(feed, await identifySource(feed, undefined));
  if (prepared?.kind !== "copy") throw new Error(`${x.cluster}/${x.role} was not accepted`);
  return prepared.copy.features;
}

/** Whether two eval items verify against each other directly (no third text). */
async function verifiesDirectly(a: EvalItem, b: EvalItem): Promise<boolean> {
  return verifyPair(await featuresOf(a), await featuresOf(b)) !== undefined;
}

describe("stories merge when the evidence arrives", () => {
  it("folds a copy that arrives before its original, and a summary before the full text", async () => {
    const caption = await push(role("caption-repost"));
    const original = await push(role("original"));
    expect(original).toMatchObject({ status: "duplicate", item: caption.item });
    const summary = await push(role("summary"));
    expect(summary).toMatchObject({ status: "duplicate", item: caption.item });
    const story = await item(caption.item);
    // The canonical copy is the earliest published: the original, whatever arrived first.
    expect(story.url).toBe(role("original").url);
    expect(story._feedfold.copies.map((c) => c.id).sort()).toEqual(
      [role("caption-repost").id, role("original").id, role("summary").id].sort(),
    );
  });

  it("merges two stories that a later copy bridges, into the one created first", async () => {
    // The summary and the repost with a caption on top do not verify against each other: they
    // stay two stories until the full text, which verifies against both, arrives.
    expect(await verifiesDirectly(role("summary"), role("caption-repost"))).toBe(false);
    const summary = await push(role("summary"));
    const caption = await push(role("caption-repost"));
    expect(summary.status).toBe("new");
    expect(caption.status).toBe("new");
    expect(caption.item).not.toBe(summary.item);

    const original = await push(role("original"));
    expect(original).toMatchObject({ status: "duplicate", item: summary.item });

    // The absorbed id keeps answering, with a redirect to the survivor.
    const absorbed = await getManual(`/items/${caption.item}`);
    expect(absorbed.status).toBe(301);
    expect(new URL(absorbed.headers.get("Location")!, "http://x").pathname).toBe(`/items/${summary.item}`);
    const story = await item(summary.item);
    expect(story._feedfold.copies.map((c) => [c.id, c.match]).sort()).toEqual(
      [
        [role("caption-repost").id, "merge"],
        [role("original").id, expect.stringMatching(/^(near|summary|exact)$/)],
        [role("summary").id, "first"],
      ].sort(),
    );
    // An app syncing incrementally sees the survivor changed and the absorbed id as a tombstone.
    const sync = (await (await get("/feed.json?changed_since=0")).json()) as {
      items: Array<{ id: string; _feedfold: { merged_into?: string; copies?: unknown[] } }>;
    };
    expect(sync.items.filter((i) => i.id === caption.item)).toEqual([
      { id: caption.item, _feedfold: { merged_into: summary.item } },
    ]);
    expect(sync.items.find((i) => i.id === summary.item)?._feedfold.copies).toHaveLength(3);
    // Re-ingesting the absorbed copy names the survivor and changes nothing.
    expect(await push(role("caption-repost"))).toMatchObject({ status: "unchanged", item: summary.item });
    expect(await stats()).toMatchObject({ stories: 1, items: 3, copies: 3, unlisted: 0, merged: 1 });
  });

  it("splits a copy off a merged story for good: the pair never merges again", async () => {
    const summary = await push(role("summary"));
    await push(role("caption-repost"));
    await push(role("original"));
    const split = await exportsFetchSplit(summary.item, role("caption-repost").id);
    expect(split.status).toBe(200);
    const answer = (await split.json()) as { item: ItemJson; split: ItemJson };
    expect(answer.split._feedfold.copies.map((c) => c.id)).toEqual([role("caption-repost").id]);

    // Another copy that verifies against both does not bring the split copy back.
    expect(await verifiesDirectly(role("heavy-edit"), role("caption-repost"))).toBe(true);
    expect(await verifiesDirectly(role("heavy-edit"), role("original"))).toBe(true);
    const edit = await push(role("heavy-edit"));
    expect(edit.item).toBe(summary.item);
    expect((await item(answer.split.id))._feedfold.copies.map((c) => c.id)).toEqual([
      role("caption-repost").id,
    ]);
    expect((await item(summary.item))._feedfold.copies.map((c) => c.id)).not.toContain(
      role("caption-repost").id,
    );
    expect(await stats()).toMatchObject({ items: 4, copies: 4, unlisted: 0 });
  });

  it("merges once under concurrent ingests, listing every copy exactly once", async () => {
    const summary = await push(role("summary"));
    const caption = await push(role("caption-repost"));
    expect(caption.item).not.toBe(summary.item);
    const rest = bakery.filter((i) => !["summary", "caption-repost"].includes(i.role));
    const answers = await Promise.all(rest.map(push));
    const stories = new Set<string>();
    for (const a of [summary, caption, ...answers]) {
      const res = await getManual(`/items/${a.item}`);
      const id =
        res.status === 301 ? new URL(res.headers.get("Location")!, "http://x").pathname.slice(7) : a.item;
      stories.add(id);
    }
    expect([...stories]).toEqual([summary.item]);
    const ids = (await item(summary.item))._feedfold.copies.map((c) => c.id);
    expect(ids.sort()).toEqual(bakery.map((i) => i.id).sort());
    expect(await stats()).toMatchObject({
      stories: 1,
      items: bakery.length,
      copies: bakery.length,
      unlisted: 0,
    });
  });
});

/** A GET that shows a redirect instead of following it. */
async function getManual(path: string): Promise<Response> {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch(`http://feedfold.test${path}`, { redirect: "manual" });
}

async function exportsFetchSplit(storyId: string, copy: string): Promise<Response> {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch(`http://feedfold.test/items/${storyId}/split`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ copy }),
  });
}

/** A day's page of title-less posts, each named by a #fragment of the page (our own text). */
function dayPageRss(posts: Array<{ anchor: string; guid?: string; date: string; text: string }>): string {
  const items = posts
    .map(
      (p) => `<item><description>${p.text}</description><pubDate>${p.date}</pubDate>
<link>https://notes.example/2026/03/02.html#${p.anchor}</link><guid>${p.guid ?? `https://notes.example/2026/03/02.html#${p.anchor}`}</guid></item>`,
    )
    .join("\n");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Notes of a day</title>
<link>https://notes.example/</link><description>Short posts</description>${items}</channel></rss>`;
}

const POSTS = [
  {
    anchor: "a0801",
    date: "Mon, 02 Mar 2026 08:01:00 GMT",
    text: "Good morning from the harbour, the fog is lifting early today.",
  },
  {
    anchor: "a0815",
    date: "Mon, 02 Mar 2026 08:15:00 GMT",
    text: "Rewrote the outline importer last night; it now keeps the order of nested lists intact.",
  },
  {
    anchor: "a0930",
    date: "Mon, 02 Mar 2026 09:30:00 GMT",
    text: "A reader asks why the blog has no comments. Replies by email reach me faster than any form.",
  },
  // The same anchor reused for a second post, later the same morning, with another text.
  {
    anchor: "a0930",
    date: "Mon, 02 Mar 2026 09:42:00 GMT",
    text: "Lunch plans: the bakery on Quay Street reopens after its winter break.",
  },
  {
    anchor: "a1105",
    date: "Mon, 02 Mar 2026 11:05:00 GMT",
    text: "Tested the new podcast feed in three players; two of them read the chapter marks.",
  },
];

describe("a page of posts told apart by their #fragment", () => {
  it("gives each post its own story and lists every one", async () => {
    const answer = await ingest(dayPageRss(POSTS), { source: "https://notes.example/feed.xml" });
    expect(answer.status).toBe(200);
    const results = answer.body.results!;
    expect(results.map((r) => r.status)).toEqual(["new", "new", "new", "new", "new"]);
    expect(new Set(results.map((r) => r.item)).size).toBe(POSTS.length);
    for (const r of results) {
      expect((await item(r.item!))._feedfold.copies.map((c) => c.id)).toEqual([r.id]);
    }
    const again = await ingest(dayPageRss(POSTS), { source: "https://notes.example/feed.xml" });
    expect(again.body.results!.map((r) => r.status)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect(await stats()).toMatchObject({ stories: 5, items: 5, copies: 5, unlisted: 0 });
  });

  it("still folds the same article twice in one feed under two ids, as a listed copy", async () => {
    const text =
      "The ferry timetable for the spring season is out. Boats leave the north pier every forty minutes from seven in the morning, and the last crossing back is at half past ten at night. Bicycles travel free until the end of May, and the harbour office sells the new monthly pass from Monday.";
    const twice = [
      { anchor: "a0700", guid: "post-1", date: "Mon, 02 Mar 2026 07:00:00 GMT", text },
      { anchor: "a0710", guid: "post-2", date: "Mon, 02 Mar 2026 07:10:00 GMT", text },
    ];
    const answer = await ingest(dayPageRss(twice), { source: "https://notes.example/feed.xml" });
    const [first, second] = answer.body.results!;
    expect(first).toMatchObject({ status: "new" });
    expect(second).toMatchObject({ status: "duplicate", item: first!.item });
    const story = await item(first!.item!);
    expect(story._feedfold.copies.map((c) => [c.id, c.match])).toEqual([
      ["post-1", "first"],
      ["post-2", "exact"],
    ]);
  });
});
