import { describe, expect, it } from "vitest";
import { feedJson, get } from "../support/client";
import { ingestStories } from "./support";

async function sourceIdOf(host: string): Promise<string> {
  const doc = await feedJson("/feed.json?limit=500");
  const copy = doc.items
    .flatMap((i) => i._feedfold.copies)
    .find((c) => c.source.title === host || c.url?.includes(host));
  if (!copy) throw new Error(`no copy from ${host}`);
  return copy.source.id;
}

describe("filtered views", () => {
  it("?source= (repeatable) keeps the stories with a copy from those sources", async () => {
    await ingestStories("harbour.example", 3);
    await ingestStories("market.example", 2, { from: 5 });
    await ingestStories("school.example", 2, { from: 9 });
    const harbour = await sourceIdOf("harbour.example");
    const market = await sourceIdOf("market.example");
    const one = await feedJson(`/feed.json?source=${harbour}`);
    expect(one.items.map((i) => i.title)).toEqual([
      "harbour.example story 2",
      "harbour.example story 1",
      "harbour.example story 0",
    ]);
    const two = await feedJson(`/feed.json?source=${harbour}&source=${market}&limit=4`);
    expect(two.items.map((i) => i.title)).toEqual([
      "market.example story 6",
      "market.example story 5",
      "harbour.example story 2",
      "harbour.example story 1",
    ]);
    const next = new URL(two.next_url!);
    expect(next.searchParams.getAll("source")).toEqual([harbour, market]);
    const rest = await feedJson(next.pathname + next.search);
    expect(rest.items.map((i) => i.title)).toEqual(["harbour.example story 0"]);
    expect(rest.next_url).toBeUndefined();
  });

  it("?q= finds every word in the title or text, case-insensitively", async () => {
    await ingestStories("harbour.example", 6, { topic: "ferry timetable" });
    await ingestStories("market.example", 3, { from: 20, topic: "cheese stalls" });
    const cheese = await feedJson("/feed.json?q=CHEESE%20stalls");
    expect(cheese.items.map((i) => i.title)).toEqual([
      "market.example story 22",
      "market.example story 21",
      "market.example story 20",
    ]);
    expect((await feedJson("/feed.json?q=ferry+cheese")).items).toHaveLength(0);
    // The site's name is only in the titles.
    const byTitle = await feedJson("/feed.json?q=Harbour.Example");
    expect(byTitle.items).toHaveLength(6);
    expect(byTitle.items.every((i) => i.title?.startsWith("harbour.example"))).toBe(true);
    const rss = await (await get("/feed.xml?q=cheese")).text();
    expect(rss.match(/<item>/g)).toHaveLength(3);
    expect(rss).toContain('href="http://feedfold.test/feed.xml?q=cheese" rel="self"');
  });

  it("answers 400 for a malformed filter", async () => {
    for (const path of ["/feed.json?source=nope", "/feed.xml?q=a+b+c+d+e+f+g+h+i", "/feed.atom?limit=0"]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^bad-/);
    }
  });
});

describe("per-source feeds", () => {
  it("serves /sources/{id}/feed.xml|atom|json, named after the source, with conditional GET", async () => {
    await ingestStories("harbour.example", 2);
    await ingestStories("market.example", 1, { from: 5 });
    const id = await sourceIdOf("harbour.example");
    const json = await feedJson(`/sources/${id}/feed.json`);
    expect(json.items.map((i) => i.title)).toEqual(["harbour.example story 1", "harbour.example story 0"]);
    const doc = json as unknown as { title: string; feed_url: string };
    expect(doc.title).toBe("feedfold: harbour.example");
    expect(doc.feed_url).toBe(`http://feedfold.test/sources/${id}/feed.json`);
    for (const [file, type] of [
      ["feed.xml", "application/rss+xml; charset=utf-8"],
      ["feed.atom", "application/atom+xml; charset=utf-8"],
      ["feed.json", "application/feed+json; charset=utf-8"],
    ]) {
      const res = await get(`/sources/${id}/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=60");
      const body = await res.text();
      expect(body).toContain("harbour.example story 1");
      expect(body).not.toContain("market.example");
      const again = await get(`/sources/${id}/${file}`, { "If-None-Match": res.headers.get("ETag")! });
      expect(again.status).toBe(304);
      const since = await get(`/sources/${id}/${file}`, {
        "If-Modified-Since": res.headers.get("Last-Modified")!,
      });
      expect(since.status).toBe(304);
    }
  });

  it("answers 404 for an unknown or malformed source id", async () => {
    expect((await get("/sources/0123456789abcdef/feed.xml")).status).toBe(404);
    expect((await get("/sources/not-an-id/feed.json")).status).toBe(404);
  });
});

describe("pagination", () => {
  it("walking next_url returns every story exactly once while new stories arrive between pages", async () => {
    await ingestStories("harbour.example", 12);
    const before = (await feedJson("/feed.json?limit=500")).items.map((i) => i.id);
    expect(before).toHaveLength(12);
    const seen: string[] = [];
    let next: string | undefined = "/feed.json?limit=5";
    let round = 0;
    while (next !== undefined) {
      const page = await feedJson(next);
      seen.push(...page.items.map((i) => i.id));
      // Newer stories and one dated in the middle of what is left arrive between requests.
      await ingestStories("late.example", 2, { from: 100 + round * 2 });
      await ingestStories("middle.example", 1, { from: 4 + round });
      round++;
      next =
        page.next_url === undefined
          ? undefined
          : new URL(page.next_url).pathname + new URL(page.next_url).search;
      expect(round).toBeLessThan(20);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });
});
