import { describe, expect, it } from "vitest";
import type { ParsedFeed, ParsedItem } from "../../../src/feed/model";
import { parseFeed } from "../../../src/feed/parse-feed";
import { edgeLineKeys } from "../../../src/fold/match-text";
import { countBatchEdgeLines, edgeKeysOnce } from "../../../src/fold-index/fold-decision";
import type { IncomingCopy } from "../../../src/fold-index/incoming-copy";
import { prepareCopies } from "../../../src/ingest/prepare-copies";
import { identifySource } from "../../../src/ingest/source-identity";
import type { SourceRef } from "../../../src/story";
import { buildEvalSet, jsonFeedOf, pairwiseScores } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { publisherHtml, STRIKE_BLOCKS, STRIKE_TITLE } from "../fold/port-strike-article";
import { MemoryFold } from "./memory-fold";

/** An eval item as /ingest prepares it: its source's one-item JSON Feed, parsed and prepared. */
async function evalCopies(item: EvalItem): Promise<IncomingCopy[]> {
  const feed = parseFeed(new TextEncoder().encode(jsonFeedOf([item])));
  const prepared = await prepareCopies(feed, await identifySource(feed, undefined));
  return prepared.flatMap((p) => (p.kind === "copy" ? [p.copy] : []));
}

function parsedItem(fields: Partial<ParsedItem>): ParsedItem {
  return { authors: [], tags: [], attachments: [], ...fields };
}

async function copiesOf(source: SourceRef, items: Array<Partial<ParsedItem>>): Promise<IncomingCopy[]> {
  const feed = { title: source.title, items: items.map(parsedItem), warnings: [] } as unknown as ParsedFeed;
  const prepared = await prepareCopies(feed, source);
  return prepared.flatMap((p) => (p.kind === "copy" ? [p.copy] : []));
}

const publisher: SourceRef = { id: "pub", title: "Halvard Herald", homePageUrl: "https://herald.example/" };
const aggregator: SourceRef = { id: "agg", title: "Newsroll", homePageUrl: "https://newsroll.example/" };
const blog: SourceRef = { id: "blog", title: "Quiet Corner", homePageUrl: "https://quiet.example/" };

describe("summary-only copies", () => {
  it("folds the first paragraph plus […] into the full article, either way round", async () => {
    const [full] = await copiesOf(publisher, [
      {
        id: "p1",
        url: "https://herald.example/strike",
        title: STRIKE_TITLE,
        contentHtml: publisherHtml(STRIKE_BLOCKS),
      },
    ]);
    const [summary] = await copiesOf(aggregator, [
      {
        id: "a1",
        url: "https://newsroll.example/r/1",
        title: `${STRIKE_TITLE} | Newsroll`,
        summary: `${STRIKE_BLOCKS[0]} […]`,
      },
    ]);
    for (const order of [
      [full!, summary!],
      [summary!, full!],
    ]) {
      const fold = new MemoryFold();
      const [first, second] = [...fold.foldBatch([order[0]!]), ...fold.foldBatch([order[1]!])];
      expect(first!.status).toBe("new");
      expect(second).toMatchObject({ status: "duplicate", storyId: first!.storyId, match: "summary" });
    }
  });

  it("does not fold a summary of fewer than 20 words, nor one that starts elsewhere", async () => {
    const fold = new MemoryFold();
    const [full] = await copiesOf(publisher, [
      {
        id: "p1",
        url: "https://herald.example/strike",
        title: STRIKE_TITLE,
        contentHtml: publisherHtml(STRIKE_BLOCKS),
      },
    ]);
    const summaries = await copiesOf(aggregator, [
      {
        id: "a1",
        title: "Strike",
        summary: "Dockworkers at Port Halvard stopped loading ships at dawn on Tuesday […]",
      },
      { id: "a2", title: "Strike 2", summary: `${STRIKE_BLOCKS[1]} […]` },
    ]);
    fold.foldBatch([full!]);
    expect(fold.foldBatch(summaries).map((r) => r.status)).toEqual(["new", "new"]);
  });
});

describe("guards against false merges", () => {
  it("keeps short template items with other numbers apart, and folds an exact repeat", async () => {
    const text = (home: number, away: number) =>
      `Full time at the Riverside Ground: Harbour Rovers ${home}, Fell United ${away}. The decisive goal came in the 64th minute in front of a crowd of 8,400. Rovers stay in the play-off places with five games left.`;
    const fold = new MemoryFold();
    const results = fold.foldBatch(
      await copiesOf(publisher, [
        { id: "s1", title: "Rovers win", contentText: text(2, 1) },
        { id: "s2", title: "Rovers win big", contentText: text(3, 1) },
        { id: "s3", title: "Rovers win again", contentText: text(2, 0) },
      ]),
    );
    expect(new Set(results.map((r) => r.storyId)).size).toBe(3);
    const [repeat] = fold.foldBatch(
      await copiesOf(aggregator, [{ id: "x", title: "Rovers win", contentText: text(2, 1) }]),
    );
    expect(repeat!.match).toBe("exact");
  });

  it("keeps posts apart that share only a long footer, and learns the footer of a source", async () => {
    const footer =
      "This post is part of the Small Towns Network, an independent group of local writers. If you enjoyed it, subscribe to our weekly letter and tell a neighbour about us.";
    const posts = [
      "The allotments behind the station open their gates on Saturday.",
      "The community choir is looking for tenors before its spring concert.",
      "From Monday the number 14 bus will leave the square ten minutes earlier.",
    ].map((body, i) => ({ id: `b${i}`, title: `Post ${i}`, contentText: `${body}\n\n${footer}` }));
    const fold = new MemoryFold();
    const results = fold.foldBatch(await copiesOf(blog, posts));
    expect(new Set(results.map((r) => r.storyId)).size).toBe(3);
    // The footer recurs in three of the blog's posts, so it is the blog's template and left the
    // fingerprint: a copy of post 0 elsewhere, without the footer, folds exactly.
    const [copy] = fold.foldBatch(
      await copiesOf(aggregator, [
        {
          id: "b0-copy",
          title: "Post 0",
          contentText: "The allotments behind the station open their gates on Saturday.",
        },
      ]),
    );
    expect(copy).toMatchObject({ storyId: results[0]!.storyId, match: "exact" });
  });
});

describe("story merges", () => {
  const intro =
    "The county press office sends this note to every newsroom on its list each week, and asks that it is printed in full wherever the council's decisions are reported to readers.";
  const bodies = [
    "Councillors voted to close the old quarry road to lorries after a long campaign by the villages along it, and the highways team will put up new signs before the summer holidays begin.",
    "The library in the market hall will open on Sunday afternoons from next month, staffed by volunteers from the friends' association, who have asked for more helpers to join the rota.",
  ];

  it("never merges two articles through a stock paragraph that both open with", async () => {
    const fold = new MemoryFold();
    const stories = fold.foldBatch(
      await copiesOf(publisher, [
        { id: "quarry", title: "Quarry road", contentText: `${intro}\n\n${bodies[0]}` },
        { id: "library", title: "Sunday library", contentText: `${intro}\n\n${bodies[1]}` },
      ]),
    );
    expect(stories[0]!.storyId).not.toBe(stories[1]!.storyId);
    // The intro alone verifies as a summary of both: not evidence that they are one article.
    const [bridge] = fold.foldBatch(
      await copiesOf(aggregator, [{ id: "note", title: "Note", summary: intro }]),
    );
    expect(bridge!.status).toBe("duplicate");
    expect(fold.merges.size).toBe(0);
    expect(fold.resolve(stories[0]!.storyId)).not.toBe(fold.resolve(stories[1]!.storyId));
  });
});

describe("the labelled evaluation set (test/fixtures/fold-eval)", () => {
  it("folds with precision 1 and recall of at least 0.95", async () => {
    const items = buildEvalSet();
    expect(new Set(items.map((i) => i.cluster)).size).toBeGreaterThanOrEqual(30);
    const fold = new MemoryFold();
    const predicted: string[] = [];
    for (const item of items) {
      const copies = await evalCopies(item);
      predicted.push(...fold.foldBatch(copies).map((r) => r.storyId));
    }
    const scores = pairwiseScores(items, predicted);
    expect(scores.falseMerges.map(([a, b]) => `${a.cluster}/${a.role} + ${b.cluster}/${b.role}`)).toEqual([]);
    expect(scores.precision).toBe(1);
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe("edge-line keys of a batch", () => {
  it("are computed once per copy, however often the batch asks", async () => {
    const footer = "Thanks for reading the Quiet Corner. Share it with a friend.";
    const copies = await copiesOf(
      blog,
      ["The allotments open on Saturday.", "The choir needs tenors.", "The 14 bus leaves earlier."].map(
        (body, i) => ({ id: `e${i}`, title: `Post ${i}`, contentText: `${body}\n\n${footer}` }),
      ),
    );
    const asked = new Map<IncomingCopy, number>();
    const once = edgeKeysOnce();
    const counted = (copy: IncomingCopy) => {
      asked.set(copy, (asked.get(copy) ?? 0) + 1);
      return once(copy);
    };
    const counts = countBatchEdgeLines(copies, counted);
    expect(counts.get(blog.id)?.get("thanks for reading the quiet corner share it with a friend")).toBe(3);
    // The batch's counts ask once per copy; the learned lookup and the record after the batch
    // ask again and get the same array, not another normalization.
    expect([...asked.values()]).toEqual([1, 1, 1]);
    for (const copy of copies) {
      expect(once(copy)).toBe(once(copy));
      expect(once(copy)).toEqual(edgeLineKeys(copy.lines));
    }
  });
});
