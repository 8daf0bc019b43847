/**
 * RSS and Atom URLs opened in a browser answer with the HTML page of the same view; readers keep
 * getting the feed, whatever Accept they send (src/http/accept.ts). Both representations are
 * cached apart and every answer says `Vary: Accept`.
 */
import { describe, expect, it } from "vitest";
import { get, ingest } from "../support/client";
import { ORCHARD_TITLE, orchardRepostAtom, orchardRss } from "../support/documents";
import { countedGet, ingestStories } from "./support";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

// Readers' Accept headers as they send them; newsboat (libcurl) and NetNewsWire (URLSession)
// set none of their own, so `*/*` or nothing reaches us.
const READERS: Array<[string, string | undefined]> = [
  [
    "feedparser",
    "application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1",
  ],
  [
    "SimplePie",
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, unknown/unknown;q=0.1, application/unknown;q=0.1, */*;q=0.1",
  ],
  [
    "Miniflux",
    "application/xml, application/atom+xml, application/rss+xml, application/rdf+xml, application/feed+json, text/html, */*;q=0.9",
  ],
  ["newsboat, NetNewsWire", "*/*"],
  ["no Accept at all", undefined],
  ["the feed's type", "application/rss+xml"],
];

async function ingestOrchard(): Promise<void> {
  await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  await ingest(orchardRepostAtom(), { contentType: "application/atom+xml" });
}

describe("a feed URL opened in a browser", () => {
  it.each([
    ["/feed.xml", "RSS"],
    ["/feed.atom", "Atom"],
  ])("%s answers the HTML page: stories, subscribe URL, other formats", async (path, name) => {
    await ingestOrchard();
    const res = await get(path, { Accept: BROWSER });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Vary")).toBe("Accept, Sec-Fetch-Dest");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(csp).not.toContain("script-src");
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toContain("xml-stylesheet");
    expect(html).toContain(`<title>feedfold (${name} feed)</title>`);
    expect(html).toContain(ORCHARD_TITLE);
    expect(html).toContain("Also in: ");
    expect(html).toContain(`<code class="feed-url">http://feedfold.test${path}</code>`);
    for (const other of ["/feed.xml", "/feed.atom", "/feed.json"]) {
      expect(html).toContain(`href="http://feedfold.test${other}"`);
    }
  });

  it("keeps the view: a page of a limited, paged view subscribes to the view without its cursor", async () => {
    await ingestStories("harbour.example", 3);
    const first = await (await get("/feed.xml?limit=2", { Accept: BROWSER })).text();
    expect(first.match(/<article>/g)).toHaveLength(2);
    expect(first).toContain('<code class="feed-url">http://feedfold.test/feed.xml?limit=2</code>');
    const next = first.match(/<a href="([^"]+)" rel="next">/)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toMatch(/^http:\/\/feedfold\.test\/feed\.xml\?limit=2&before=/);
    const second = await (await get(next!.replace("http://feedfold.test", ""), { Accept: BROWSER })).text();
    expect(second.match(/<article>/g)).toHaveLength(1);
    expect(second).toContain('<code class="feed-url">http://feedfold.test/feed.xml?limit=2</code>');
  });

  it("a source's own feed answers its page too, subscribing to that feed", async () => {
    await ingestOrchard();
    const json = (await (await get("/feed.json")).json()) as {
      items: Array<{ _feedfold: { copies: Array<{ source: { id: string } }> } }>;
    };
    const sourceId = json.items[0]!._feedfold.copies[0]!.source.id;
    const path = `/sources/${sourceId}/feed.atom`;
    const res = await get(path, { Accept: BROWSER });
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain(`<code class="feed-url">http://feedfold.test${path}</code>`);
    expect(html).toContain(ORCHARD_TITLE);
  });
});

describe("readers keep getting the feed", () => {
  it.each(READERS)("%s", async (_, accept) => {
    await ingestOrchard();
    for (const [path, type] of [
      ["/feed.xml", "application/rss+xml; charset=utf-8"],
      ["/feed.atom", "application/atom+xml; charset=utf-8"],
      ["/feed.xml?limit=1", "application/rss+xml; charset=utf-8"],
    ] as const) {
      const res = await get(path, accept === undefined ? {} : { Accept: accept });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Vary")).toBe("Accept, Sec-Fetch-Dest");
      expect((await res.text()).startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    }
  });
});

describe("caching the two representations apart", () => {
  it("a cached page is never served to a reader, nor the cached feed to a browser", async () => {
    await ingestStories("harbour.example", 2);
    const page = await countedGet("/feed.xml", { Accept: BROWSER });
    expect(page.res.headers.get("X-Feedfold-Cache")).toBe("miss");
    const pageHit = await countedGet("/feed.xml", { Accept: BROWSER });
    expect(pageHit.res.headers.get("X-Feedfold-Cache")).toBe("hit");
    expect(pageHit.body).toBe(page.body);
    expect(pageHit.res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");

    const feed = await countedGet("/feed.xml", { Accept: "*/*" });
    expect(feed.res.headers.get("X-Feedfold-Cache")).toBe("miss");
    expect(feed.res.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
    const feedHit = await countedGet("/feed.xml");
    expect(feedHit.res.headers.get("X-Feedfold-Cache")).toBe("hit");
    expect(feedHit.body).toBe(feed.body);
    expect(feed.res.headers.get("ETag")).not.toBe(page.res.headers.get("ETag"));

    // Each answers its own validator with 304, and not the other's.
    const etag = page.res.headers.get("ETag")!;
    expect((await countedGet("/feed.xml", { Accept: BROWSER, "If-None-Match": etag })).res.status).toBe(304);
    expect((await countedGet("/feed.xml", { "If-None-Match": etag })).res.status).toBe(200);
  });

  it("a publish drops the cached page with the feeds", async () => {
    await ingestStories("harbour.example", 2);
    const before = await countedGet("/feed.atom", { Accept: BROWSER });
    expect((await countedGet("/feed.atom", { Accept: BROWSER })).res.headers.get("X-Feedfold-Cache")).toBe(
      "hit",
    );
    await ingestStories("harbour.example", 1, { from: 10 });
    const after = await countedGet("/feed.atom", { Accept: BROWSER });
    expect(after.res.headers.get("X-Feedfold-Cache")).toBe("miss");
    expect(after.body.match(/<article>/g)).toHaveLength(3);
    expect(before.body.match(/<article>/g)).toHaveLength(2);
  });
});
