// GET /admin/stats, the operator's view: what is stored, how much folds, source health, the last
// polling cycle and today's KV writes.
import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { get, ingest, TOKEN } from "../support/client";
import { orchardRepostAtom, orchardRss } from "../support/documents";

interface Stats {
  stories: number;
  copies: number;
  items: number;
  foldRate: number;
  sourcesSeen: number;
  sources?: Record<string, number>;
  failing?: Array<{ url: string; errors: number; lastError: string | null }>;
  lastCycle: null | {
    polled: number;
    ok: number;
    failed: number;
    ms: number;
    errors: Array<{ url: string }>;
  };
  publish: { kvWritesToday: number; lastAt: string | null };
}

async function stats(): Promise<Stats> {
  const res = await get("/admin/stats", { Authorization: `Bearer ${TOKEN}` });
  expect(res.status).toBe(200);
  expect(res.headers.get("Cache-Control")).toBe("no-store");
  return (await res.json()) as Stats;
}

it("needs the token", async () => {
  expect((await get("/admin/stats")).status).toBe(401);
  expect((await get("/admin/stats", { Authorization: "Bearer wrong" })).status).toBe(401);
});

it("starts empty", async () => {
  expect(await stats()).toMatchObject({
    stories: 0,
    copies: 0,
    items: 0,
    foldRate: 0,
    sourcesSeen: 0,
    lastCycle: null,
    publish: { kvWritesToday: 0, lastAt: null },
  });
});

it("counts stories, copies and the fold rate, and the KV writes publishes used", async () => {
  expect((await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" })).status).toBe(200);
  expect((await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" })).status).toBe(200);
  const s = await stats();
  expect(s).toMatchObject({ stories: 1, copies: 2, items: 2, foldRate: 0.5, sourcesSeen: 2 });
  // Two ingests, each published once: one write each (all four feeds under one key).
  expect(s.publish.kvWritesToday).toBe(2);
  // The same document again changes nothing, and writes nothing.
  await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  expect((await stats()).publish.kvWritesToday).toBe(2);
});

it("reports the last polling cycle and the sources by health", async () => {
  const poll = await exports.default.fetch("http://feedfold.test/admin/poll", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect(poll.status).toBe(200);
  const s = await stats();
  expect(s.lastCycle).toMatchObject({ polled: 2, ok: 1, failed: 1 });
  expect(s.lastCycle!.ms).toBeGreaterThanOrEqual(0);
  expect(s.lastCycle!.errors.map((e) => e.url)).toEqual([expect.stringMatching(/\/broken\.xml$/)]);
  expect(s.sources).toMatchObject({ total: 2, ok: 1, failing: 1 });
  expect(s.failing).toEqual([
    expect.objectContaining({ url: expect.stringMatching(/\/broken\.xml$/), errors: 1 }),
  ]);
  expect(s.stories).toBe(1);
});
