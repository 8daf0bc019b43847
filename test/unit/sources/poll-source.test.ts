import { describe, expect, it } from "vitest";
import type { PollJob, PollPatch } from "../../../src/fold-index/source-types";
import { SourceDocumentError } from "../../../src/ingest/ingest-fetched";
import { type PollDeps, pollSource } from "../../../src/sources/poll-source";

const NOW = Date.parse("2026-11-20T10:00:00Z");

function job(over: Partial<PollJob> = {}): PollJob {
  return {
    id: "s1",
    claim: "c1",
    claimedAt: NOW,
    url: "https://a.example.org/feed",
    etag: '"v1"',
    lastModified: null,
    bodyHash: "hash-of:<rss>same</rss>",
    lastStatus: 200,
    lastError: null,
    lastFailure: null,
    errors: 0,
    intervalS: 3600,
    itemsSeen: 2,
    hasTitle: true,
    discover: false,
    ...over,
  };
}

function deps(respond: () => Response, recorded: PollPatch[], ingested: string[] = []): PollDeps {
  return {
    fetch: (async () => respond()) as unknown as typeof fetch,
    userAgent: "t",
    // No test here means a timeout: it must never win on a loaded machine.
    timeoutMs: 60_000,
    maxBytes: 10_000,
    maxRedirects: 2,
    allowLoopback: false,
    bounds: { baseS: 3600, maxS: 86_400 },
    now: () => NOW,
    random: () => 0.5,
    sha256: async (b) => `hash-of:${new TextDecoder().decode(b)}`,
    sourceIdOf: async (url) => `id-of:${url}`,
    ingest: async (body) => {
      const text = new TextDecoder().decode(body);
      if (text.includes("broken")) throw new SourceDocumentError("not a usable feed: broken");
      ingested.push(text);
      return { counts: { new: 1 }, items: 3, title: "A" };
    },
    record: async (_id, _claim, patch) => {
      recorded.push(patch);
      return true;
    },
  };
}

describe("pollSource", () => {
  it("an unchanged poll (304 or the same bytes) writes nothing and ingests nothing", async () => {
    const recorded: PollPatch[] = [];
    const ingested: string[] = [];
    const notModified = await pollSource(
      job({ lastStatus: 304 }),
      deps(() => new Response(null, { status: 304 }), recorded, ingested),
    );
    expect(notModified).toMatchObject({ ok: true, result: "not-modified", recorded: false });
    const same = await pollSource(
      job(),
      deps(() => new Response("<rss>same</rss>", { headers: { ETag: '"v1"' } }), recorded, ingested),
    );
    expect(same).toMatchObject({ ok: true, result: "unchanged", recorded: false });
    expect(recorded).toEqual([]);
    expect(ingested).toEqual([]);
  });

  it("new bytes are ingested and only the changed state is written", async () => {
    const recorded: PollPatch[] = [];
    const out = await pollSource(
      job(),
      deps(() => new Response("<rss>new</rss>", { headers: { ETag: '"v2"' } }), recorded),
    );
    expect(out).toMatchObject({ result: "ingested", counts: { new: 1 } });
    expect(recorded).toEqual([
      { etag: '"v2"', bodyHash: "hash-of:<rss>new</rss>", itemsSeen: 3, itemsAdded: 1 },
    ]);
  });

  it("a bad document is an error on the source with backoff; success clears it", async () => {
    const recorded: PollPatch[] = [];
    await pollSource(
      job(),
      deps(() => new Response("<rss>broken</rss>"), recorded),
    );
    expect(recorded[0]).toMatchObject({
      lastError: "not a usable feed: broken",
      errors: 1,
      nextFetchAt: NOW + 7_200_000,
    });
    await pollSource(
      job({ errors: 3, lastError: "x", etag: null }),
      deps(() => new Response("<rss>same</rss>"), recorded),
    );
    expect(recorded[1]).toEqual({ lastError: null, errors: 0 });
  });

  it("a permanent redirect moves the source to the new URL's id", async () => {
    const recorded: PollPatch[] = [];
    let calls = 0;
    const respond = () =>
      calls++ === 0
        ? new Response(null, { status: 301, headers: { Location: "https://b.example.org/feed" } })
        : new Response(null, { status: 304 });
    const out = await pollSource(job({ lastStatus: 304 }), deps(respond, recorded));
    expect(out).toMatchObject({ result: "not-modified", url: "https://b.example.org/feed", requests: 2 });
    expect(recorded).toEqual([
      { url: "https://b.example.org/feed", newId: "id-of:https://b.example.org/feed" },
    ]);
  });

  describe("a source pending discovery", () => {
    const page = `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/news.xml"></head><body>Harbour</body></html>`;
    const html = () => new Response(page, { headers: { "Content-Type": "text/html" } });

    it("an HTML page moves the source to the feed it names, due at once", async () => {
      const recorded: PollPatch[] = [];
      const ingested: string[] = [];
      const url = "https://a.example.org/";
      const report = await pollSource(
        job({ url, discover: true, errors: 2, lastError: "dns: x", lastFailure: "dns" }),
        deps(html, recorded, ingested),
      );
      expect(report).toMatchObject({
        ok: true,
        result: "discovered",
        discovered: "https://a.example.org/news.xml",
      });
      expect(ingested).toEqual([]);
      expect(recorded).toEqual([
        {
          url: "https://a.example.org/news.xml",
          newId: "id-of:https://a.example.org/news.xml",
          discover: false,
          lastError: null,
          lastFailure: null,
          errors: 0,
          nextFetchAt: NOW,
        },
      ]);
    });

    it("a feed stays the source and is ingested", async () => {
      const recorded: PollPatch[] = [];
      const ingested: string[] = [];
      const report = await pollSource(
        job({ discover: true, bodyHash: null }),
        deps(() => new Response("<rss>new</rss>"), recorded, ingested),
      );
      expect(report).toMatchObject({ ok: true, result: "ingested" });
      expect(recorded[0]).toMatchObject({ discover: false });
      expect(recorded[0]?.url).toBeUndefined();
    });

    it("a failure keeps it pending and names the failure", async () => {
      const recorded: PollPatch[] = [];
      const report = await pollSource(
        job({ discover: true }),
        deps(() => new Response("", { status: 502 }), recorded),
      );
      expect(report).toMatchObject({
        ok: false,
        failure: "http-502",
        error: "http-502: the server answered HTTP 502",
      });
      expect(recorded[0]).toMatchObject({ lastFailure: "http-502", errors: 1 });
      expect(recorded[0]?.discover).toBeUndefined();
    });
  });
});
