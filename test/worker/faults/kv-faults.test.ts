import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { ingest, runPublishAlarm } from "../support/client";
import { MARKET_RDF, orchardRepostAtom, orchardRss, POOL_ATOM } from "../support/documents";
import {
  breakPublisherKv,
  dirtyCount,
  foldIndex,
  kvSnapshotTitles,
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

/** The fold index's pending alarm time, or null. */
function alarmTime(): Promise<number | null> {
  return runInDurableObject(foldIndex(), (_instance, state) => state.storage.getAlarm());
}

describe("KV fails while the fold index publishes", () => {
  it.each([
    ["rejects", { kind: "reject" } as const],
    ["times out", { kind: "timeout", afterMs: 30 } as const],
  ])("a KV write that %s: the ingest is answered, readers see it at once, KV keeps its last whole snapshot, the retry converges", async (_n, fault) => {
    const expected = await cleanRunState();
    await ingest(orchardRss(), ORCHARD);
    await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    await runPublishAlarm();
    const kvBefore = await kvSnapshotTitles();

    const handle = await breakPublisherKv(fault);
    // The answer waits for the fold, not for KV: the statuses are those of a clean run.
    const answer = await ingest(MARKET_RDF, { ...MARKET, publish: false });
    expect(answer.status).toBe(200);
    expect(answer.body.results?.map((r) => r.status)).toEqual(["new"]);
    await runPublishAlarm();
    expect(handle.puts).toBeGreaterThan(0);
    // KV keeps the last whole snapshot; readers get the committed stories from the fold index
    // (read-after-write while a publish is pending), nothing half-written anywhere.
    expect(await kvSnapshotTitles()).toEqual(kvBefore);
    expect(await visibleStories()).toEqual(expected);
    expect(await dirtyCount()).toBeGreaterThan(0);
    expect(await alarmTime()).not.toBeNull();

    await restoreKv();
    const again = await ingest(MARKET_RDF, { ...MARKET, publish: false });
    expect(again.body.results?.map((r) => r.status)).toEqual(["unchanged"]);
    await runPublishAlarm();
    expect(await visibleStories()).toEqual(expected);
    expect(await kvSnapshotTitles()).toHaveLength(expected.length);
    expect(await dirtyCount()).toBe(0);
  });

  it("the alarm a failed publish leaves repairs the feeds without any retry of the ingest", async () => {
    const expected = await cleanRunState();
    await ingest(orchardRss(), ORCHARD);
    await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    const handle = await breakPublisherKv({ kind: "reject" });
    expect((await ingest(MARKET_RDF, MARKET)).status).toBe(200);
    expect(handle.puts).toBeGreaterThan(0);
    expect(await dirtyCount()).toBeGreaterThan(0);
    await restoreKv();
    expect(await runDurableObjectAlarm(foldIndex())).toBe(true);
    expect(await visibleStories()).toEqual(expected);
    expect(await kvSnapshotTitles()).toHaveLength(expected.length);
    expect(await dirtyCount()).toBe(0);
  });
});

describe("a crash between storing copies and publishing the feeds", () => {
  async function crashMidPublish(): Promise<void> {
    await ingest(orchardRss(), ORCHARD);
    // The stuck write must outlast the steps up to the abort below, however loaded the machine:
    // if it gave up first, the publish would fail on its own and the object would not be killed
    // mid-publish. The aborted request still waits for it, so each run pays these seconds.
    const hangMs = 5000;
    const handle = await breakPublisherKv({ kind: "hang", ms: hangMs });
    const answer = await ingest(POOL_ATOM, { contentType: "application/atom+xml", publish: false });
    expect(answer.status).toBe(200);
    expect(answer.body.results?.map((r) => r.status)).toEqual(["new"]);
    // The alarm (due at once with PUBLISH_MIN_INTERVAL_MS 0) publishes on its own: wait until it
    // is stuck on KV, then kill the object.
    await vi.waitFor(() => expect(handle.puts).toBeGreaterThan(0), { timeout: hangMs, interval: 5 });
    expect((await foldIndex().stats()).stories).toBe(2);
    await abortAllDurableObjects();
    // KV still holds the snapshot of before; readers get both stories from the fold index.
    expect(await kvSnapshotTitles()).toHaveLength(1);
    expect((await visibleStories()).length).toBe(2);
    expect(await dirtyCount()).toBeGreaterThan(0);
  }

  it("is repaired by the alarm, which the runtime runs again", async () => {
    await crashMidPublish();
    await runDurableObjectAlarm(foldIndex());
    await runPublishAlarm();
    expect((await visibleStories()).map((s) => (s as { title: string }).title)).toEqual([
      "Weaver Street orchard to be replanted after disease",
      "Pool closed for tile repairs",
    ]);
    expect(await kvSnapshotTitles()).toEqual([
      "Weaver Street orchard to be replanted after disease",
      "Pool closed for tile repairs",
    ]);
    expect(await dirtyCount()).toBe(0);
  });
});
