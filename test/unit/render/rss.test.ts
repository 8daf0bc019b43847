import { describe, expect, it } from "vitest";
import { renderRss, renderRssItem } from "../../../src/render/rss";
import type { Story } from "../../../src/story";
import { FOLDED, HOSTILE, makeMeta, RICH, STORIES } from "./fixture-stories";
import { parseWellFormed, type XmlTree } from "./parse-xml";

function items(xml: string): XmlTree[] {
  return parseWellFormed(xml).rss.channel.item;
}

describe("renderRss", () => {
  const xml = renderRss(STORIES, makeMeta());
  const doc = parseWellFormed(xml);
  const [folded, hostile, rich] = doc.rss.channel.item as XmlTree[];

  it("declares RSS 2.0 with the atom, content, dc and feedfold namespaces", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(doc.rss["@_version"]).toBe("2.0");
    expect(doc.rss["@_xmlns:feedfold"]).toBe("https://feedfold.dev/ns/1.0");
    expect(doc.rss["@_xmlns:content"]).toBe("http://purl.org/rss/1.0/modules/content/");
    expect(doc.rss["@_xmlns:dc"]).toBe("http://purl.org/dc/elements/1.1/");
    expect(doc.rss["@_xmlns:atom"]).toBe("http://www.w3.org/2005/Atom");
  });

  it("writes the channel metadata", () => {
    const channel = doc.rss.channel;
    expect(channel.title).toBe("Folded News");
    expect(channel.link).toBe("https://folded.example/");
    expect(channel.description).toBe("Every story once, whoever carries it.");
    expect(channel.lastBuildDate).toBe("Sun, 20 Oct 2024 10:00:00 +0000");
    expect(channel.generator).toBe("feedfold");
    expect(channel.docs).toBe("https://www.rssboard.org/rss-specification");
    expect(channel["atom:link"]).toEqual([
      { "@_href": "https://folded.example/feed.xml", "@_rel": "self", "@_type": "application/rss+xml" },
    ]);
  });

  it("writes one item per story in the given order with stable non-permalink guids", () => {
    expect(doc.rss.channel.item).toHaveLength(3);
    expect(doc.rss.channel.item.map((i: XmlTree) => i.guid["#text"])).toEqual([
      "urn:feedfold:story:st-ferry-01",
      "urn:feedfold:story:st-escape-02",
      "urn:feedfold:story:st-podcast-03",
    ]);
    for (const item of doc.rss.channel.item) expect(item.guid["@_isPermaLink"]).toBe("false");
  });

  it("dates items in RFC 822 from the canonical publication date", () => {
    expect(folded.pubDate).toBe("Sun, 20 Oct 2024 08:15:00 +0000");
    expect(hostile.pubDate).toBe("Sat, 19 Oct 2024 23:05:09 +0000");
  });

  it("lists every copy canonical first in feedfold:copies, and names the canonical source", () => {
    const copies = folded["feedfold:copies"]["feedfold:copy"];
    expect(copies).toHaveLength(2);
    expect(copies[0]).toMatchObject({
      "@_id": "https://lakeside-courier.example/?p=881",
      "@_url": "https://lakeside-courier.example/news/ferry-winter",
      "@_source-id": "src-lakeside",
      "@_source-title": "Lakeside Courier",
      "@_source-url": "https://lakeside-courier.example/feed/",
      "@_site-url": "https://lakeside-courier.example/",
      "@_published": "2024-10-20T08:15:00Z",
      "@_match": "first",
    });
    expect(copies[1]).toMatchObject({
      "@_id": "tag:valley-digest.example,2024:post-77",
      "@_source-title": "Valley Digest",
      "@_published": "2024-10-20T11:40:00+02:00",
      "@_match": "exact",
    });
    expect(folded.source).toEqual({
      "#text": "Lakeside Courier",
      "@_url": "https://lakeside-courier.example/feed/",
    });
  });

  it("keeps hostile text intact but well-formed: escaped title, CDATA body with ]]> split", () => {
    expect(hostile.title).toBe("Escaping notes: a < b & c  <script>alert('x')</script>");
    expect(hostile.link).toBe("https://notes.example/escaping?x=1&y=2");
    expect(hostile["content:encoded"]).toBe(
      '<p>Never end a CDATA section early: <code>if (a[b[0]]> 1) { s = "]]>"; }</code></p>' +
        "<p>Fish &amp; chips  cost &lt; 10 coins.</p>",
    );
    // <description> is HTML: the plain-text summary is HTML-escaped inside the XML escaping.
    expect(hostile.description).toBe("A note about escaping &amp; CDATA.");
    expect(hostile.category).toEqual(["xml", "a&b"]);
    // No <source> without a feed URL: RSS 2.0 makes its url attribute required.
    expect(hostile.source).toBeUndefined();
  });

  it("writes authors, categories and the first attachment as enclosure", () => {
    expect(rich["dc:creator"]).toEqual(["Ada Fern", "Bo Linden"]);
    expect(rich.category).toEqual(["gardening", "podcast"]);
    expect(rich.enclosure).toEqual([
      {
        "@_url": "https://cdn.garden-radio.example/ep12.mp3",
        "@_length": "24117248",
        "@_type": "audio/mpeg",
      },
    ]);
    // A text-only body becomes HTML paragraphs in content:encoded.
    expect(rich["content:encoded"]).toBe(
      "<p>Two gardeners talk about seed libraries.</p>\n<p>How lending seeds works, and what comes back.</p>",
    );
  });

  it("announces the next page with atom:link rel=next only when given", () => {
    const paged = parseWellFormed(
      renderRss(STORIES, makeMeta({ nextUrl: "https://folded.example/feed.xml?page=2" })),
    );
    expect(paged.rss.channel["atom:link"]).toContainEqual({
      "@_href": "https://folded.example/feed.xml?page=2",
      "@_rel": "next",
    });
  });

  it("renders an empty feed as a valid channel without items", () => {
    const empty = parseWellFormed(renderRss([], makeMeta()));
    expect(empty.rss.channel.title).toBe("Folded News");
    expect(empty.rss.channel.item).toBeUndefined();
  });
});

describe("renderRssItem", () => {
  it("gives an item with neither title nor text a placeholder title (RSS needs one of them)", () => {
    const bare: Story = {
      ...RICH,
      title: undefined,
      contentText: undefined,
      summary: undefined,
      attachments: [],
    };
    const item = items(renderRss([bare], makeMeta()))[0];
    expect(item.title).toBe("Untitled");
    expect(item.description).toBeUndefined();
    expect(renderRssItem(bare)).toContain("<title>Untitled</title>");
  });

  it("keeps the guid when the canonical copy changes", () => {
    const reordered: Story = { ...FOLDED, url: FOLDED.copies[1]?.url, copies: [...FOLDED.copies].reverse() };
    const before = items(renderRss([FOLDED], makeMeta()))[0];
    const after = items(renderRss([reordered], makeMeta()))[0];
    expect(after.guid).toEqual(before.guid);
    expect(after.link).not.toBe(before.link);
  });

  it("uses length 0 and application/octet-stream for an enclosure of unknown size and type", () => {
    const story: Story = {
      ...HOSTILE,
      attachments: [{ url: "https://notes.example/a.bin", sizeInBytes: -5 }],
    };
    const item = items(renderRss([story], makeMeta()))[0];
    expect(item.enclosure[0]).toEqual({
      "@_url": "https://notes.example/a.bin",
      "@_length": "0",
      "@_type": "application/octet-stream",
    });
  });
});

describe("renderRss bodies", () => {
  it("keeps an image-only HTML body in content:encoded", () => {
    const story: Story = { ...FOLDED, contentHtml: '<p><img src="https://x.example/a.jpg" alt=""></p>' };
    const item = items(renderRss([story], makeMeta()))[0];
    expect(item["content:encoded"]).toBe('<p><img src="https://x.example/a.jpg" alt=""></p>');
  });
});
