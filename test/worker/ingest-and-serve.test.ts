import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { feedJson, get, ingest } from "./support/client";
import {
  LIBRARY_JSON,
  MARKET_RDF,
  ORCHARD_TITLE,
  orchardRepostAtom,
  orchardRss,
  POOL_ATOM,
} from "./support/documents";

describe("ingesting each format", () => {
  it.each([
    ["RSS 2.0", orchardRss(), "application/rss+xml", ORCHARD_TITLE],
    ["RSS 1.0 (RDF)", MARKET_RDF, "application/rdf+xml", "A new cheese stall joins the market"],
    ["Atom 1.0", POOL_ATOM, "application/atom+xml", "Pool closed for tile repairs"],
    ["JSON Feed 1.1", LIBRARY_JSON, "application/feed+json", "Repair café moves to Wednesdays"],
  ])("%s becomes a story in every feed", async (_name, doc, type, title) => {
    const answer = await ingest(doc, { contentType: type, source: "https://feeds.example.org/x" });
    expect(answer.status).toBe(200);
    expect(answer.body.results?.map((r) => r.status)).toEqual(["new"]);
    const json = await feedJson();
    expect(json.items.map((i) => i.title)).toEqual([title]);
    expect(json.items[0]!.id).toBe(answer.body.results![0]!.item);
    for (const path of ["/feed.xml", "/feed.atom"]) {
      const text = await (await get(path)).text();
      expect(text).toContain(title.replace("é", "é"));
    }
  });

  it("states the source from ?source= when the document does not", async () => {
    const answer = await ingest(
      LIBRARY_JSON.replace('"feed_url":"https://library.example.org/feed.json",', ""),
      {
        contentType: "application/feed+json",
      },
    );
    expect(answer.status).toBe(200);
    const json = await feedJson();
    expect(json.items[0]!._feedfold.copies[0]!.source.title).toBe("Branch Library");
  });
});

describe("items without an id, link or title", () => {
  it("are known by their body: stored once, unchanged when sent again", async () => {
    const doc = `<?xml version="1.0"?><rss version="0.91"><channel><title>Ferry notices</title>
      <link>https://ferry.example.org/</link><description>Notices</description>
      <item><description>The 07:40 crossing is cancelled on Tuesday for engine maintenance.</description></item>
      <item><description>Winter timetable from the first of December.</description></item>
    </channel></rss>`;
    const first = await ingest(doc, { source: "https://ferry.example.org/rss" });
    expect(first.body.results?.map((r) => r.status)).toEqual(["new", "new"]);
    expect(first.body.results?.every((r) => r.id.startsWith("content:"))).toBe(true);
    const again = await ingest(doc, { source: "https://ferry.example.org/rss" });
    expect(again.body.results?.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
    expect((await feedJson()).items).toHaveLength(2);
  });
});

describe("folding syndicated copies", () => {
  it("folds a repost with other markup and footer into the original, the earliest copy first", async () => {
    const repost = await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
    const original = await ingest(orchardRss(), {
      contentType: "application/rss+xml",
      source: "https://weaver.example.org/feed.xml",
    });
    expect(repost.body.results?.map((r) => r.status)).toEqual(["new"]);
    expect(original.body.results?.map((r) => r.status)).toEqual(["duplicate"]);
    expect(original.body.results![0]!.item).toBe(repost.body.results![0]!.item);

    const json = await feedJson();
    expect(json.items).toHaveLength(1);
    const story = json.items[0]!;
    expect(story.url).toBe("https://weaver.example.org/news/orchard-replanting");
    expect(story.title).toBe(ORCHARD_TITLE);
    expect(story._feedfold.copies.map((c) => c.url)).toEqual([
      "https://weaver.example.org/news/orchard-replanting",
      "https://riverside-reposts.example.net/2026/11/orchard.html",
    ]);
    expect(story._feedfold.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    // the story id stays the id it was published under, though the canonical copy changed
    expect(story.id).toBe(repost.body.results![0]!.item);
    const rss = await (await get("/feed.xml")).text();
    expect(rss.match(/<item>/g)).toHaveLength(1);
    expect(rss).toContain("riverside-reposts.example.net/2026/11/orchard.html");
  });

  it("keeps unrelated articles apart", async () => {
    await ingest(orchardRss(), {
      contentType: "application/rss+xml",
      source: "https://weaver.example.org/feed.xml",
    });
    await ingest(MARKET_RDF, { contentType: "application/rdf+xml" });
    await ingest(POOL_ATOM, { contentType: "application/atom+xml" });
    expect((await feedJson()).items).toHaveLength(3);
  });

  it("treats the same source and item id again as an update of that copy", async () => {
    const source = "https://weaver.example.org/feed.xml";
    const first = await ingest(orchardRss(), { source });
    const second = await ingest(orchardRss({ extra: "<p>Update: the first work day is now the 5th.</p>" }), {
      source,
    });
    expect(second.body.results?.map((r) => r.status)).toEqual(["updated"]);
    expect(second.body.results![0]!.item).toBe(first.body.results![0]!.item);
    const json = await feedJson();
    expect(json.items).toHaveLength(1);
    expect(json.items[0]!.content_html).toContain("the first work day is now the 5th");
    expect(json.items[0]!._feedfold.copies).toHaveLength(1);
  });

  it("answers only unchanged on a re-ingest and keeps the feeds' ETags", async () => {
    const source = "https://weaver.example.org/feed.xml";
    await ingest(orchardRss(), { source });
    await ingest(orchardRepostAtom(), {});
    const etags = await Promise.all(
      ["/feed.json", "/feed.xml", "/feed.atom"].map(async (p) => (await get(p)).headers.get("ETag")),
    );
    const again = [await ingest(orchardRss(), { source }), await ingest(orchardRepostAtom(), {})];
    expect(again.flatMap((a) => a.body.results!.map((r) => r.status))).toEqual(["unchanged", "unchanged"]);
    const after = await Promise.all(
      ["/feed.json", "/feed.xml", "/feed.atom"].map(async (p) => (await get(p)).headers.get("ETag")),
    );
    expect(after).toEqual(etags);
    expect(etags.every((e) => e && /^"[0-9a-f]+"$/.test(e))).toBe(true);
  });

  it("makes one story of many concurrent ingests of copies of one article", async () => {
    const blogs = Array.from({ length: 12 }, (_, i) =>
      orchardRepostAtom(`Blog ${i}`, `blog${i}.example.net`),
    );
    const answers = await Promise.all(
      blogs.map((doc) => ingest(doc, { contentType: "application/atom+xml" })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const ids = new Set(answers.map((a) => a.body.results![0]!.item));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.body.results![0]!.status === "new")).toHaveLength(1);
    const json = await feedJson();
    expect(json.items).toHaveLength(1);
    expect(json.items[0]!._feedfold.copies).toHaveLength(12);
  });
});

describe("serving", () => {
  it("answers conditional GETs with 304", async () => {
    await ingest(MARKET_RDF, {});
    for (const path of ["/feed.json", "/feed.xml", "/feed.atom", "/"]) {
      const first = await get(path);
      const etag = first.headers.get("ETag")!;
      const lastModified = first.headers.get("Last-Modified")!;
      expect(first.status).toBe(200);
      expect((await get(path, { "If-None-Match": etag })).status).toBe(304);
      expect((await get(path, { "If-None-Match": '"other"' })).status).toBe(200);
      expect((await get(path, { "If-Modified-Since": lastModified })).status).toBe(304);
      expect((await get(path, { "If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT" })).status).toBe(200);
    }
  });

  it("sends the content types, CORS and cache headers of design.md", async () => {
    const types: Record<string, string> = {
      "/feed.xml": "application/rss+xml; charset=utf-8",
      "/feed.atom": "application/atom+xml; charset=utf-8",
      "/feed.json": "application/feed+json; charset=utf-8",
      "/": "text/html; charset=utf-8",
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await get(path, { Origin: "https://reader.example.com" });
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
    }
  });

  it("serves one merged item at /items/{id} and 404 for others", async () => {
    const answer = await ingest(POOL_ATOM, {});
    const id = answer.body.results![0]!.item!;
    const res = await get(`/items/${id}`);
    expect(res.status).toBe(200);
    const item = (await res.json()) as { id: string; title: string; _feedfold: { copies: unknown[] } };
    expect(item.id).toBe(id);
    expect(item.title).toBe("Pool closed for tile repairs");
    expect(item._feedfold.copies).toHaveLength(1);
    const missing = await get("/items/00000000000000000000");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not-found" });
    expect((await get("/items/../../etc")).status).toBe(404);
  });

  it("pages /feed.json with next_url, every story once", async () => {
    for (let i = 0; i < 7; i++) {
      const doc = POOL_ATOM.replaceAll("closure", `closure-${i}`)
        .replaceAll("tile repairs", `tile repairs ${i}`)
        .replace("news/tile-repairs", `news/tile-repairs-${i}`);
      expect((await ingest(doc, {})).body.results?.[0]?.status).toBe("new");
    }
    const seen: string[] = [];
    let next: string | undefined = "/feed.json?limit=3";
    let pages = 0;
    while (next && pages < 10) {
      const doc = await feedJson(
        new URL(next, "http://feedfold.test").pathname + new URL(next, "http://feedfold.test").search,
      );
      seen.push(...doc.items.map((i) => i.id));
      next = doc.next_url;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("answers healthz", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});

describe("authentication and bad input", () => {
  it.each([
    ["no token", null],
    ["a wrong token", "not-the-token"],
    ["a token that is a prefix", "test-tok"],
  ])("refuses %s with 401 and stores nothing", async (_name, token) => {
    for (const path of ["/ingest", "/preview"]) {
      const answer = await ingest(MARKET_RDF, { token, path });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: "unauthorized" });
      expect(answer.body.detail).toMatch(/Bearer/);
    }
    expect((await feedJson()).items).toHaveLength(0);
  });

  it.each([
    ["an empty body", "", 400],
    [
      "an HTML page",
      "<!doctype html><html><head><title>Hi</title></head><body><p>hello</p></body></html>",
      415,
    ],
    ["random bytes", new Uint8Array([0, 159, 146, 150, 255, 1, 2, 3]), 415],
    ["truncated XML with no item left", MARKET_RDF.slice(0, 300), 422],
    ["JSON that is not a feed", '{"hello": "world"}', 415],
  ])("answers %s with a JSON error and changes nothing", async (_name, body, status) => {
    await ingest(POOL_ATOM, {});
    const etag = (await get("/feed.json")).headers.get("ETag");
    const answer = await ingest(body, { source: "https://x.example.org/feed" });
    expect(answer.status).toBe(status);
    expect(typeof answer.body.error).toBe("string");
    expect(typeof answer.body.detail).toBe("string");
    expect((await get("/feed.json")).headers.get("ETag")).toBe(etag);
  });

  it("refuses a body over the cap with 413", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 10).fill(32);
    const answer = await ingest(big, { source: "https://x.example.org/feed" });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toBe("too-large");
  });

  it("asks for ?source= when the document names no source", async () => {
    const doc = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Anonymous",
      items: [{ id: "1", content_text: "A notice without any site." }],
    });
    const answer = await ingest(doc, { contentType: "application/feed+json" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("missing-source");
  });

  it("refuses a bad limit or cursor with 400", async () => {
    expect((await get("/feed.json?limit=0")).status).toBe(400);
    expect((await get("/feed.json?limit=501")).status).toBe(400);
    expect((await get("/feed.json?before=nonsense")).status).toBe(400);
    expect(env.FEEDFOLD_KV).toBeDefined();
  });
});
