import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { storeState } from "../hostile/store-state";
import { ingest } from "../support/client";
import { MARKET_RDF, orchardRepostAtom, orchardRss, POOL_ATOM } from "../support/documents";
import {
  breakPublisherKv,
  dirtyCount,
  foldIndex,
  resetStore,
  restoreKv,
  visibleStories,
} from "./fault-injection";

const ORCHARD = { source: "https://weaver.example.org/feed.xml" };
const MARKET = { contentType: "application/rdf+xml" };

/** The state a clean run reaches: orchard (with its repost) and the market story. */
async function cleanRunState(): Promise<unknown[]> {
  await ingest(orchardRss(), ORCHARD);
  await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
  expect((await ingest(MARKET_RDF, MARKET)).status).toBe(200);
  const stories = await visibleStories();
  await resetStore();
  return stories;
}

describe("KV fails while an ingest publishes", () => {
  it.each([
    ["rejects", { kind: "reject" } as const],
    ["times out", { kind: "timeout", afterMs: 30 } as const],
  ])("a KV write that %s: 503, the feeds stay whole and as they were, a retry converges", async (_n, fault) => {
    const expected = await cleanRunState();
    await ingest(orchardRss(), ORCHARD);
    await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    const before = await storeState();
    const storiesBefore = await visibleStories();

    const handle = await breakPublisherKv(fault);
    const failed = await ingest(MARKET_RDF, MARKET);
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ error: "storage-unavailable", detail: expect.any(String) });
    expect(handle.puts).toBeGreaterThan(0);
    // Readers see exactly the old feeds: no half-written story anywhere.
    expect((await storeState()).etags).toEqual(before.etags);
    expect(await visibleStories()).toEqual(storiesBefore);
    expect(await dirtyCount()).toBeGreaterThan(0);

    await restoreKv();
    const retry = await ingest(MARKET_RDF, MARKET);
    expect(retry.status).toBe(200);
    expect(retry.body.results?.map((r) => r.status)).toEqual(["unchanged"]);
    expect(await visibleStories()).toEqual(expected);
    expect(await dirtyCount()).toBe(0);
  });

  it("the alarm set by a failed publish repairs the feeds without any retry", async () => {
    const expected = await cleanRunState();
    await ingest(orchardRss(), ORCHARD);
    await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    await breakPublisherKv({ kind: "reject" });
    expect((await ingest(MARKET_RDF, MARKET)).status).toBe(503);
    await restoreKv();
    expect(await runDurableObjectAlarm(foldIndex())).toBe(true);
    expect(await visibleStories()).toEqual(expected);
    expect(await dirtyCount()).toBe(0);
  });
});

describe("a crash between storing copies and rebuilding the feeds", () => {
  async function crashMidPublish(): Promise<void> {
    await ingest(orchardRss(), ORCHARD);
    // The stuck write must outlast the steps up to the abort below, however loaded the machine:
    // if it gave up first, the publish would fail on its own and the object would not be killed
    // mid-publish. The aborted request still waits for it, so each run pays these seconds.
    const hangMs = 5000;
    const handle = await breakPublisherKv({ kind: "hang", ms: hangMs });
    const pending = ingest(POOL_ATOM, { contentType: "application/atom+xml" });
    // Wait until the fold is committed and the publish is stuck on KV, then kill the object.
    await vi.waitFor(() => expect(handle.puts).toBeGreaterThan(0), { timeout: hangMs, interval: 5 });
    expect((await foldIndex().stats()).stories).toBe(2);
    await abortAllDurableObjects();
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: "index-unavailable", detail: expect.any(String) });
    expect((await visibleStories()).length).toBe(1);
    expect(await dirtyCount()).toBeGreaterThan(0);
  }

  it("is repaired by the alarm scheduled before the publish", async () => {
    await crashMidPublish();
    expect(await runDurableObjectAlarm(foldIndex())).toBe(true);
    expect((await visibleStories()).map((s) => (s as { title: string }).title)).toEqual([
      "Weaver Street orchard to be replanted after disease",
      "Pool closed for tile repairs",
    ]);
    expect(await dirtyCount()).toBe(0);
  });

  it("is repaired by the next ingest's rebuild, which publishes every dirty story", async () => {
    await crashMidPublish();
    expect((await ingest(MARKET_RDF, MARKET)).status).toBe(200);
    expect(await visibleStories()).toHaveLength(3);
    expect(await dirtyCount()).toBe(0);
  });
});
