// The KV cost design (src/store/keys.ts): every default feed under one key, written once per
// publish, no story documents in KV, and nothing written when nothing changed.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { snapshotKey } from "../../../src/store/keys";
import { readSnapshot } from "../../../src/store/kv-store";
import { get, ingest } from "../support/client";
import { MARKET_RDF, orchardRepostAtom, orchardRss } from "../support/documents";

const keys = async () => (await env.FEEDFOLD_KV.list()).keys.map((k) => k.name);

it("one new story is one KV key holding the four feeds; its story is served from the fold index", async () => {
  const answer = await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  expect(await keys()).toEqual(["feeds"]);
  for (const [format, path] of [
    ["rss", "/feed.xml"],
    ["atom", "/feed.atom"],
    ["json", "/feed.json"],
    ["html", "/"],
  ] as const) {
    const snapshot = await readSnapshot(env.FEEDFOLD_KV, snapshotKey(format));
    expect(snapshot, format).toBeDefined();
    const res = await get(path);
    expect(res.headers.get("ETag")).toBe(snapshot!.meta.etag);
    expect(await res.text()).toBe(snapshot!.body);
  }
  const id = answer.body.results![0]!.item!;
  const item = await get(`/items/${id}`);
  expect(item.status).toBe(200);
  expect(((await item.json()) as { id: string }).id).toBe(id);
});

it("a copy rewrites the one key; an unchanged re-ingest leaves it as it was", async () => {
  await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  const before = await env.FEEDFOLD_KV.getWithMetadata("feeds", "arrayBuffer");
  await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  const same = await env.FEEDFOLD_KV.getWithMetadata("feeds", "arrayBuffer");
  expect(same.metadata).toEqual(before.metadata);
  await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
  const after = await env.FEEDFOLD_KV.getWithMetadata("feeds", "arrayBuffer");
  expect(after.metadata).not.toEqual(before.metadata);
  expect(await keys()).toEqual(["feeds"]);
});

it("the parts sit one after another, each with its own validators, within the metadata limit", async () => {
  await ingest(MARKET_RDF, { contentType: "application/rdf+xml" });
  const json = await readSnapshot(env.FEEDFOLD_KV, snapshotKey("json"));
  const rss = await readSnapshot(env.FEEDFOLD_KV, snapshotKey("rss"));
  expect(json!.meta.etag).not.toBe(rss!.meta.etag);
  const meta = (await env.FEEDFOLD_KV.getWithMetadata("feeds")).metadata as {
    parts: Record<string, { start: number; end: number }>;
  };
  expect(Object.keys(meta.parts)).toEqual(["rss", "atom", "json", "html"]);
  expect(meta.parts.rss!.start).toBe(0);
  expect(meta.parts.atom!.start).toBe(meta.parts.rss!.end);
  expect(JSON.stringify(meta).length).toBeLessThan(1024);
});
