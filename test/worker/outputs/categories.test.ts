import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { feedJson, get, ingest, TOKEN } from "../support/client";
import { ORCHARD_TITLE, orchardRepostAtom, orchardRss } from "../support/documents";
import { ingestStories } from "./support";

// Category feeds (/categories/{name}/feed.*, ?category=): a story is in a category when any of its
// copies comes from a registered source in it (src/fold-index/categories.ts).

const BASE = "http://feedfold.test";
const auth = { Authorization: `Bearer ${TOKEN}` };

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><body>
  <outline text="News">
    <outline text="Local">
      <outline type="rss" text="Harbour" xmlUrl="https://harbour.example/feed.xml" category="/Ports"/>
      <outline type="rss" text="School" xmlUrl="https://school.example/feed.xml"/>
    </outline>
  </outline>
  <outline text="Markets">
    <outline type="rss" text="Market" xmlUrl="https://market.example/feed.xml"/>
  </outline>
  <outline text="Reposts">
    <outline type="rss" text="Riverside" xmlUrl="https://riverside-reposts.example.net/"/>
  </outline>
</body></opml>`;

async function importOpml(text: string): Promise<void> {
  const res = await exports.default.fetch(`${BASE}/sources.opml`, {
    method: "POST",
    headers: auth,
    body: text,
  });
  expect(res.status).toBe(200);
}

const titles = (doc: { items: Array<{ title?: string }> }) => doc.items.map((i) => i.title);
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

/** Sources in categories, stories from each, and one story folded from two sources. */
async function setUp() {
  await importOpml(OPML);
  await ingestStories("harbour.example", 3);
  await ingestStories("school.example", 2, { from: 10 });
  await ingestStories("market.example", 2, { from: 20 });
  await ingestStories("pushed.example", 1, { from: 30 });
  await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
}

describe("category feeds", () => {
  it("serve the stories of the category's sources in the three formats, named after it", async () => {
    await setUp();
    const local = await feedJson("/categories/News%2FLocal/feed.json");
    expect(titles(local)).toEqual([
      "school.example story 11",
      "school.example story 10",
      "harbour.example story 2",
      "harbour.example story 1",
      "harbour.example story 0",
    ]);
    const doc = local as unknown as { title: string; feed_url: string; description: string };
    expect(doc.title).toBe("feedfold: News/Local");
    expect(doc.feed_url).toBe(`${BASE}/categories/News%2FLocal/feed.json`);
    // The orchard story's canonical copy is from a source in no category; its repost's source is.
    expect(titles(await feedJson("/categories/Reposts/feed.json"))).toEqual([ORCHARD_TITLE]);
    expect(titles(await feedJson("/categories/Ports/feed.json"))).toHaveLength(3);

    for (const [file, type] of [
      ["feed.xml", "application/rss+xml; charset=utf-8"],
      ["feed.atom", "application/atom+xml; charset=utf-8"],
      ["feed.json", "application/feed+json; charset=utf-8"],
    ]) {
      const res = await get(`/categories/Markets/${file}`, { Origin: "https://reader.example.com" });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=60");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      const body = await res.text();
      expect(body).toContain("market.example story 21");
      expect(body).not.toContain("harbour.example");
      expect(body).toContain(`${BASE}/categories/Markets/${file}`);
      const again = await get(`/categories/Markets/${file}`, { "If-None-Match": res.headers.get("ETag")! });
      expect(again.status).toBe(304);
      const since = await get(`/categories/Markets/${file}`, {
        "If-Modified-Since": res.headers.get("Last-Modified")!,
      });
      expect(since.status).toBe(304);
    }
    // A new story in the category changes the feed: the old ETag no longer matches.
    const before = await get("/categories/Markets/feed.json");
    await ingestStories("market.example", 1, { from: 25 });
    const after = await get("/categories/Markets/feed.json", {
      "If-None-Match": before.headers.get("ETag")!,
    });
    expect(after.status).toBe(200);
  });

  it("walking next_url returns every story of the category once while new stories arrive", async () => {
    await setUp();
    const expected = (await feedJson("/categories/News%2FLocal/feed.json?limit=500")).items.map((i) => i.id);
    expect(expected).toHaveLength(5);
    const seen: string[] = [];
    let next: string | undefined = "/categories/News%2FLocal/feed.json?limit=2";
    let round = 0;
    while (next !== undefined) {
      const page = await feedJson(next);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      await ingestStories("school.example", 1, { from: 50 + round });
      await ingestStories("market.example", 1, { from: 60 + round });
      round++;
      next = page.next_url === undefined ? undefined : pathOf(page.next_url);
      if (next !== undefined) expect(next.startsWith("/categories/News%2FLocal/feed.json?")).toBe(true);
      expect(round).toBeLessThan(10);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of expected) expect(seen).toContain(id);
    expect(round).toBeGreaterThanOrEqual(3);
  });

  it("answers 404 for a category no registered source is in, names matching exactly", async () => {
    await setUp();
    for (const path of [
      "/categories/Sports/feed.xml",
      "/categories/markets/feed.json",
      "/categories/News/feed.atom",
      // A source only pushed to /ingest has no registry entry, so no category.
      "/categories/pushed.example/feed.json",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe("not-found");
    }
  });

  it("follow the registry: a deleted source leaves its categories, a re-import moves it", async () => {
    await setUp();
    const sources = (
      (await (await get("/sources")).json()) as { sources: Array<{ id: string; url: string }> }
    ).sources;
    const school = sources.find((s) => s.url === "https://school.example/feed.xml")!;
    const del = await exports.default.fetch(`${BASE}/sources/${school.id}`, {
      method: "DELETE",
      headers: auth,
    });
    expect(del.status).toBe(200);
    expect(titles(await feedJson("/categories/News%2FLocal/feed.json"))).toEqual([
      "harbour.example story 2",
      "harbour.example story 1",
      "harbour.example story 0",
    ]);
    await importOpml(
      `<opml version="2.0"><body><outline text="Harbour" xmlUrl="https://harbour.example/feed.xml" category="/Boats"/></body></opml>`,
    );
    expect(titles(await feedJson("/categories/Boats/feed.json"))).toHaveLength(3);
    expect((await get("/categories/Ports/feed.json")).status).toBe(404);
    expect((await get("/categories/News%2FLocal/feed.json")).status).toBe(404);
  });
});

describe("?category= on the main feeds", () => {
  it("is repeatable, narrows with ?source= and ?q=, keeps itself in next_url, and an unknown one is empty", async () => {
    await setUp();
    const two = await feedJson("/feed.json?category=Markets&category=Reposts&limit=2");
    expect(titles(two)).toEqual([ORCHARD_TITLE, "market.example story 21"]);
    const next = new URL(two.next_url!);
    expect(next.pathname).toBe("/feed.json");
    expect(next.searchParams.getAll("category")).toEqual(["Markets", "Reposts"]);
    expect(titles(await feedJson(pathOf(two.next_url!)))).toEqual(["market.example story 20"]);

    const marketId = two.items[1]!._feedfold.copies[0]!.source.id;
    expect((await feedJson(`/feed.json?category=Ports&source=${marketId}`)).items).toEqual([]);
    const ports = await feedJson("/categories/Ports/feed.json");
    const harbourId = ports.items[0]!._feedfold.copies[0]!.source.id;
    expect(titles(await feedJson(`/feed.json?category=News%2FLocal&source=${harbourId}`))).toEqual(
      titles(ports),
    );
    expect(titles(await feedJson("/feed.json?category=News%2FLocal&q=school.example"))).toHaveLength(2);
    const rss = await get("/feed.xml?category=Sports");
    expect(rss.status).toBe(200);
    expect(await rss.text()).not.toContain("<item>");
  });

  it("refuses a blank category or too many", async () => {
    const many = Array.from({ length: 21 }, (_, i) => `category=c${i}`).join("&");
    for (const path of ["/feed.json?category=%20", `/feed.xml?${many}`]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe("bad-category");
    }
  });
});

describe("where the categories are listed", () => {
  it("GET /sources lists each category once with its number of sources and its feeds", async () => {
    await setUp();
    const body = (await (await get("/sources")).json()) as {
      categories: Array<{ name: string; sources: number; feeds: Record<string, string> }>;
    };
    expect(body.categories.map((c) => [c.name, c.sources])).toEqual([
      ["Markets", 1],
      ["News/Local", 2],
      ["Ports", 1],
      ["Reposts", 1],
    ]);
    expect(body.categories[1]!.feeds).toEqual({
      rss: `${BASE}/categories/News%2FLocal/feed.xml`,
      atom: `${BASE}/categories/News%2FLocal/feed.atom`,
      json: `${BASE}/categories/News%2FLocal/feed.json`,
    });
  });

  it("the HTML page links each category's feeds", async () => {
    await setUp();
    const html = await (await get("/")).text();
    expect(html).toContain('<h2 id="categories-heading">Categories</h2>');
    expect(html).toContain(`<a href="${BASE}/categories/News%2FLocal/feed.xml">News/Local</a>`);
    expect(html).toContain(`<a href="${BASE}/categories/Reposts/feed.json">JSON Feed</a>`);
  });
});
