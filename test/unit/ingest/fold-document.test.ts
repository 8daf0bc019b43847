import { describe, expect, it } from "vitest";
import type { IncomingCopy } from "../../../src/fold-index/incoming-copy";
import type { ItemRef, KnownBatch } from "../../../src/fold-index/item-ref";
import { type FoldIndexCalls, foldDocument, identifyDocument } from "../../../src/ingest/ingest-document";
import { prepareCopy } from "../../../src/ingest/prepare-copies";

const SOURCE = "https://harbour.example/feed.xml";

function rss(items: Array<{ n: number; body?: string }>): Uint8Array {
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title><link>https://harbour.example/</link>
${items
  .map(
    ({ n, body }) => `<item><title>Harbour story ${n}</title><link>https://harbour.example/news/${n}</link>
<guid>harbour-${n}</guid><description>${body ?? `Story ${n}: the ferry to the island ran ${n} times this week, said the harbour master.`}</description></item>`,
  )
  .join("\n")}
</channel></rss>`;
  return new TextEncoder().encode(xml);
}

/** A fold index in memory: holds (source, item) → content hash and story, as `entries` does. */
class FakeIndex implements FoldIndexCalls {
  readonly entries = new Map<string, { hash: string; story: string }>();
  readonly calls: Array<{ method: string; copies: number; refs: number }> = [];
  /** Set to make the next ingest find this item changed since `knownItems` answered. */
  changeBeforeIngest: string | undefined;

  async knownItems(sourceId: string, refs: ItemRef[]) {
    this.calls.push({ method: "knownItems", copies: 0, refs: refs.length });
    return refs.map((r) => {
      const held = this.entries.get(`${sourceId}\n${r.itemKey}`);
      return held?.hash === r.contentHash ? held.story : null;
    });
  }

  async ingest(batch: IncomingCopy[], _origin: string | undefined, known?: KnownBatch) {
    this.calls.push({ method: "ingest", copies: batch.length, refs: known?.refs.length ?? 0 });
    if (this.changeBeforeIngest !== undefined && known) {
      const key = `${known.sourceId}\n${this.changeBeforeIngest}`;
      this.entries.set(key, { hash: "changed elsewhere", story: this.entries.get(key)!.story });
      this.changeBeforeIngest = undefined;
    }
    const stale = (known?.refs ?? []).flatMap((r, i) =>
      this.entries.get(`${known!.sourceId}\n${r.itemKey}`)?.hash === r.contentHash ? [] : [i],
    );
    if (stale.length > 0) return { results: [], known: [], stale };
    const results = batch.map((copy) => {
      const key = `${copy.source.id}\n${copy.itemKey}`;
      const held = this.entries.get(key);
      this.entries.set(key, { hash: copy.contentHash, story: held?.story ?? copy.storyIdIfNew });
      return {
        status: held ? ("updated" as const) : ("new" as const),
        storyId: held?.story ?? copy.storyIdIfNew,
      };
    });
    const knownResults = (known?.refs ?? []).map((r) => ({
      status: "unchanged" as const,
      storyId: this.entries.get(`${known!.sourceId}\n${r.itemKey}`)!.story,
    }));
    return { results, known: knownResults, stale: [] };
  }
}

/** prepareCopy with a counter: the normalizing and fingerprinting an item costs. */
function countingPrepare() {
  const prepared: string[] = [];
  const prepare: typeof prepareCopy = (found, source, siteNames) => {
    prepared.push(found.itemKey);
    return prepareCopy(found, source, siteNames);
  };
  return { prepare, prepared };
}

async function push(index: FakeIndex, body: Uint8Array, prepare: typeof prepareCopy) {
  const doc = await identifyDocument(body, { declaredSource: SOURCE });
  return foldDocument(index, doc, undefined, prepare);
}

describe("foldDocument does work in proportion to what changed", () => {
  const fifty = Array.from({ length: 50 }, (_, i) => ({ n: i }));

  it("fingerprints only the items the index does not hold as they are", async () => {
    const index = new FakeIndex();
    const first = countingPrepare();
    const initial = await push(index, rss(fifty.slice(1)), first.prepare);
    expect(first.prepared).toHaveLength(49);
    expect(initial.results.every((r) => r.status === "new")).toBe(true);

    index.calls.length = 0;
    const second = countingPrepare();
    const report = await push(index, rss(fifty), second.prepare);
    expect(second.prepared).toEqual(["harbour-0"]);
    expect(report.prepared).toBe(1);
    expect(report.results.map((r) => r.status)).toEqual(["new", ...Array(49).fill("unchanged")]);
    // One small call with hashes, then one carrying a single full copy and 49 refs.
    expect(index.calls).toEqual([
      { method: "knownItems", copies: 0, refs: 50 },
      { method: "ingest", copies: 1, refs: 49 },
    ]);
  });

  it("an unchanged document costs one call and no fingerprint", async () => {
    const index = new FakeIndex();
    await push(index, rss(fifty), countingPrepare().prepare);
    index.calls.length = 0;
    const again = countingPrepare();
    const report = await push(index, rss(fifty), again.prepare);
    expect(again.prepared).toEqual([]);
    expect(report.results.every((r) => r.status === "unchanged")).toBe(true);
    expect(index.calls).toEqual([{ method: "knownItems", copies: 0, refs: 50 }]);
  });

  it("an edited item is fingerprinted and updated; the rest stay unchanged", async () => {
    const index = new FakeIndex();
    await push(index, rss(fifty.slice(0, 3)), countingPrepare().prepare);
    const edit = countingPrepare();
    const report = await push(
      index,
      rss([{ n: 0 }, { n: 1, body: "Corrected: the ferry ran twice." }, { n: 2 }]),
      edit.prepare,
    );
    expect(edit.prepared).toEqual(["harbour-1"]);
    expect(report.results.map((r) => r.status)).toEqual(["unchanged", "updated", "unchanged"]);
  });

  it("an item changed by another ingest in between is sent again in full", async () => {
    const index = new FakeIndex();
    await push(index, rss(fifty.slice(0, 3)), countingPrepare().prepare);
    index.changeBeforeIngest = "harbour-2";
    index.calls.length = 0;
    const racing = countingPrepare();
    const report = await push(index, rss([...fifty.slice(0, 3), { n: 3 }]), racing.prepare);
    expect(racing.prepared).toEqual(["harbour-3", "harbour-2"]);
    expect(report.results.map((r) => r.status)).toEqual(["unchanged", "unchanged", "updated", "new"]);
    expect(index.calls.map((c) => [c.method, c.copies, c.refs])).toEqual([
      ["knownItems", 0, 4],
      ["ingest", 1, 3],
      ["ingest", 2, 2],
    ]);
  });
});
