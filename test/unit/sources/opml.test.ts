import { describe, expect, it } from "vitest";
import { OpmlError, parseOpml, renderOpml } from "../../../src/sources/opml";

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="News">
      <outline text="Local &amp; regional">
        <outline type="rss" text="Valley Courier" xmlUrl="https://courier.example.org/rss"/>
      </outline>
      <outline type="rss" text="Wire" xmlUrl="https://wire.example.net/atom" category="/Agencies,/World/Europe"/>
    </outline>
    <outline type="rss" title="Loose feed" text="ignored when title is given" XMLURL="https://loose.example.com/feed.json"/>
    <outline text="Again"><outline text="Wire" xmlUrl="https://wire.example.net/atom"/></outline>
  </body>
</opml>`;

describe("OPML", () => {
  it("reads nested outlines as categories, merges repeated feeds, accepts any attribute case", () => {
    expect(parseOpml(OPML)).toEqual([
      {
        url: "https://courier.example.org/rss",
        title: "Valley Courier",
        categories: ["News/Local & regional"],
      },
      {
        url: "https://wire.example.net/atom",
        title: "Wire",
        categories: ["News", "Agencies", "World/Europe", "Again"],
      },
      { url: "https://loose.example.com/feed.json", title: "Loose feed", categories: [] },
    ]);
  });

  it("round trip: render then parse gives the same feeds and categories", () => {
    const feeds = parseOpml(OPML);
    const text = renderOpml(feeds, { title: "feedfold <sources>", date: new Date("2026-11-20T10:00:00Z") });
    expect(text).toContain("<title>feedfold &lt;sources&gt;</title>");
    expect(text).toContain("<dateCreated>Fri, 20 Nov 2026 10:00:00 GMT</dateCreated>");
    expect(parseOpml(text)).toEqual(feeds);
  });

  it("refuses documents that are not OPML", () => {
    expect(() => parseOpml("<rss version='2.0'/>")).toThrow(OpmlError);
    expect(parseOpml("<opml version='2.0'><body/></opml>")).toEqual([]);
  });
});
