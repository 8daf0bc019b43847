import { describe, expect, it } from "vitest";
import { renderView, viewMeta } from "../../../src/view/feed-view";
import { FOLDED, RICH } from "../render/fixture-stories";

const SITE = { origin: "https://folded.example", title: "Folded News", description: "Each story once." };
const NEXT = { sortDate: "2024-10-18T06:00:00Z", id: "0123456789abcdef0123" };

describe("viewMeta", () => {
  it("links the default view to itself, the other formats, and the XSLT for RSS and Atom", () => {
    const meta = viewMeta("rss", [FOLDED, RICH], SITE, { limit: 50 });
    expect(meta.selfUrl).toBe("https://folded.example/feed.xml");
    expect(meta.feedUrls).toEqual({
      rss: "https://folded.example/feed.xml",
      atom: "https://folded.example/feed.atom",
      json: "https://folded.example/feed.json",
    });
    expect(meta.nextUrl).toBeUndefined();
    expect(meta.stylesheetUrl).toBe("/feed.xsl");
    expect(meta.updated).toBe(FOLDED.updatedAt);
    expect(viewMeta("json", [], SITE, { limit: 50 }).stylesheetUrl).toBeUndefined();
    expect(viewMeta("json", [], SITE, { limit: 50 }).updated).toBe("1970-01-01T00:00:00.000Z");
  });

  it("keeps limit and filters in next_url, and the request's query in the self link", () => {
    const meta = viewMeta("json", [FOLDED], SITE, {
      limit: 5,
      next: NEXT,
      sources: ["0123456789abcdef"],
      q: "ferry times",
      query: "limit=5&source=0123456789abcdef&q=ferry+times",
    });
    expect(meta.selfUrl).toBe(
      "https://folded.example/feed.json?limit=5&source=0123456789abcdef&q=ferry+times",
    );
    const next = new URL(meta.nextUrl!);
    expect(next.pathname).toBe("/feed.json");
    expect(next.searchParams.get("limit")).toBe("5");
    expect(next.searchParams.getAll("source")).toEqual(["0123456789abcdef"]);
    expect(next.searchParams.get("q")).toBe("ferry times");
    expect(next.searchParams.get("before")).toBe("2024-10-18T06-00-00Z_0123456789abcdef0123");
  });

  it("names a per-source feed after its source and links its own three formats", () => {
    const source = { id: "0123456789abcdef", title: "Lakeside Courier" };
    const meta = viewMeta("atom", [FOLDED], SITE, { limit: 50, source, next: NEXT });
    expect(meta.title).toBe("Folded News: Lakeside Courier");
    expect(meta.selfUrl).toBe("https://folded.example/sources/0123456789abcdef/feed.atom");
    expect(meta.feedUrls.json).toBe("https://folded.example/sources/0123456789abcdef/feed.json");
    expect(meta.nextUrl).toMatch(
      /^https:\/\/folded\.example\/sources\/0123456789abcdef\/feed\.atom\?before=/,
    );
  });

  it("names a category feed after its category, one path segment however many slashes", () => {
    const meta = viewMeta("rss", [FOLDED], SITE, {
      limit: 50,
      category: "News/Local & Weather",
      categories: ["Sport"],
      next: NEXT,
    });
    expect(meta.title).toBe("Folded News: News/Local & Weather");
    expect(meta.description).toBe("Stories from the sources in News/Local & Weather, each once.");
    expect(meta.selfUrl).toBe("https://folded.example/categories/News%2FLocal%20%26%20Weather/feed.xml");
    expect(meta.feedUrls.json).toBe(
      "https://folded.example/categories/News%2FLocal%20%26%20Weather/feed.json",
    );
    const next = new URL(meta.nextUrl!);
    expect(next.pathname).toBe("/categories/News%2FLocal%20%26%20Weather/feed.xml");
    expect(next.searchParams.getAll("category")).toEqual(["Sport"]);
  });

  it("carries the sync cursor in JSON Feed only", () => {
    expect(JSON.parse(renderView("json", [FOLDED], SITE, { limit: 50, syncPosition: 7 }))._feedfold).toEqual({
      sync_cursor: "Nw",
    });
    expect(renderView("rss", [FOLDED], SITE, { limit: 50, syncPosition: 7 })).not.toContain("Nw");
  });

  it("announces a configured WebSub hub in all three formats", () => {
    const site = { ...SITE, hubUrl: "https://hub.example.org/" };
    expect(renderView("rss", [FOLDED], site, { limit: 50 })).toContain(
      '<atom:link href="https://hub.example.org/" rel="hub"/>',
    );
    expect(renderView("atom", [FOLDED], site, { limit: 50 })).toContain(
      '<link rel="hub" href="https://hub.example.org/"/>',
    );
    const json = JSON.parse(renderView("json", [FOLDED], site, { limit: 50 }));
    expect(json.hubs).toEqual([{ type: "WebSub", url: "https://hub.example.org/" }]);
    expect(JSON.parse(renderView("json", [FOLDED], SITE, { limit: 50 })).hubs).toBeUndefined();
    expect(renderView("rss", [FOLDED], SITE, { limit: 50 })).not.toContain('rel="hub"');
  });
});
