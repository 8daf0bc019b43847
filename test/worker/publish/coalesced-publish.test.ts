import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { FoldIndex } from "../../../src/fold-index/fold-index";
import { feedJson, ingest, runPublishAlarm } from "../support/client";
import { LIBRARY_JSON, MARKET_RDF, orchardRepostAtom, orchardRss, POOL_ATOM } from "../support/documents";

function foldIndex(): DurableObjectStub<FoldIndex> {
  return env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main"));
}

/** Counts the KV writes of the fold index's publisher from here on (the real KV underneath). */
async function countPublisherWrites(): Promise<{ puts: () => Promise<number> }> {
  await runInDurableObject(foldIndex(), (instance: FoldIndex) => {
    const real = env.FEEDFOLD_KV;
    const counted = { puts: 0 };
    (globalThis as { publisherPuts?: typeof counted }).publisherPuts = counted;
    instance.publisher.deps.kv = new Proxy(real, {
      get(target, prop) {
        if (prop === "put") {
          return (...args: Parameters<KVNamespace["put"]>) => {
            counted.puts++;
            return target.put(...args);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  });
  return {
    puts: () =>
      runInDurableObject(
        foldIndex(),
        () => (globalThis as { publisherPuts?: { puts: number } }).publisherPuts?.puts ?? 0,
      ),
  };
}

const dirty = () =>
  runInDurableObject(
    foldIndex(),
    (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM dirty").one().n,
  );

describe("publishing is coalesced by the fold index's alarm", () => {
  it("a burst of ingests is answered before any publish, then one alarm writes KV once with all of it", async () => {
    await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
    expect((await feedJson()).items).toHaveLength(1);
    // The spacing production uses is 1 s; a minute here, so the alarm cannot fire during the test.
    await runInDurableObject(foldIndex(), (instance: FoldIndex) => {
      instance.publisher.deps.minIntervalMs = 60_000;
    });
    const writes = await countPublisherWrites();

    const answers = await Promise.all(
      [
        [MARKET_RDF, "application/rdf+xml"],
        [LIBRARY_JSON, "application/feed+json"],
        [POOL_ATOM, "application/atom+xml"],
      ].map(([body, contentType]) => ingest(body!, { contentType, publish: false })),
    );
    expect(answers.map((a) => a.body.results?.map((r) => r.status))).toEqual([["new"], ["new"], ["new"]]);
    // Answered with nothing published: the alarm waits for the next allowed write.
    expect(await writes.puts()).toBe(0);
    expect(await dirty()).toBe(3);
    // Readers already see all of it: while the publish is pending the fold index renders the feed.
    expect((await feedJson()).items).toHaveLength(4);
    const alarm = await runInDurableObject(foldIndex(), (_i, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm! - Date.now()).toBeGreaterThan(30_000);

    // Run the alarm now rather than in a minute (the publisher itself must not wait either).
    await runInDurableObject(foldIndex(), (instance: FoldIndex) => {
      instance.publisher.deps.minIntervalMs = 0;
    });
    expect(await runDurableObjectAlarm(foldIndex())).toBe(true);
    expect(await writes.puts()).toBe(1);
    expect(await dirty()).toBe(0);
    expect((await feedJson()).items.map((i) => i.title).sort()).toEqual([
      "A new cheese stall joins the market",
      "Pool closed for tile repairs",
      "Repair café moves to Wednesdays",
      "Weaver Street orchard to be replanted after disease",
    ]);
    // Nothing dirty, nothing more to write: a later alarm run writes nothing.
    await runPublishAlarm();
    expect(await writes.puts()).toBe(1);
  });

  it("a split is published through the same alarm", async () => {
    await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
    await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    const [story] = (await feedJson()).items;
    expect(story!._feedfold.copies).toHaveLength(2);
    const res = await foldIndex().split(story!.id, { copy: "tag:riverside-reposts.example.net,2026:post-9" });
    expect(res.kind).toBe("split");
    expect(await dirty()).toBeGreaterThan(0);
    await runPublishAlarm();
    expect(await dirty()).toBe(0);
    expect((await feedJson()).items).toHaveLength(2);
  });
});
