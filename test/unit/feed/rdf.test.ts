import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";

const bakeryRdf = `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://crumb.example/feed.rdf">
    <title>Crumb Bakery Journal</title>
    <link>https://crumb.example/journal/</link>
    <description>What we baked this week</description>
    <dc:language>en</dc:language>
    <items><rdf:Seq>
      <rdf:li rdf:resource="https://crumb.example/journal/sourdough"/>
      <rdf:li rdf:resource="https://crumb.example/journal/scones"/>
    </rdf:Seq></items>
  </channel>
  <item rdf:about="https://crumb.example/journal/sourdough">
    <title>Sourdough starter turns ten</title>
    <link>https://crumb.example/journal/sourdough?utm_source=rss</link>
    <description>Our starter, Doris, had a birthday.</description>
    <content:encoded><![CDATA[<p>Our starter, <em>Doris</em>, had a birthday.</p>
<p><img src="doris.jpg" alt="Doris" onerror="steal()"></p>]]></content:encoded>
    <dc:date>2022-01-21T14:52:00+01:00</dc:date>
    <dc:creator>Bea Baker</dc:creator>
    <dc:subject>Bread</dc:subject>
  </item>
  <item rdf:about="https://crumb.example/journal/scones">
    <title>Scones, finally</title>
    <description>Plain &lt;i&gt;and&lt;/i&gt; cheese.</description>
    <dc:date>2022-01-14</dc:date>
  </item>
</rdf:RDF>`;

describe("RSS 1.0 (RDF)", () => {
  const feed = parseFeed(bakeryRdf);

  it("reads the channel and items beside it, in document order", () => {
    expect(feed.format).toBe("rss1.0");
    expect(feed.title).toBe("Crumb Bakery Journal");
    expect(feed.homePageUrl).toBe("https://crumb.example/journal/");
    expect(feed.feedUrl).toBe("https://crumb.example/feed.rdf");
    expect(feed.language).toBe("en");
    expect(feed.items.map((i) => i.title)).toEqual(["Sourdough starter turns ten", "Scones, finally"]);
  });

  it("uses rdf:about as identity, content:encoded as body and dc:* fields", () => {
    const [sourdough] = feed.items;
    expect(sourdough).toMatchObject({
      id: "https://crumb.example/journal/sourdough",
      url: "https://crumb.example/journal/sourdough?utm_source=rss",
      summary: "Our starter, Doris, had a birthday.",
      datePublished: "2022-01-21T13:52:00Z",
      authors: [{ name: "Bea Baker" }],
      tags: ["Bread"],
    });
    // Relative img src is resolved against the item's link; the event handler is gone.
    expect(sourdough!.contentHtml).toBe(
      '<p>Our starter, <em>Doris</em>, had a birthday.</p>\n<p><img src="https://crumb.example/journal/doris.jpg" alt="Doris"></p>',
    );
  });

  it("falls back to rdf:about for the URL and takes a date-only dc:date", () => {
    const scones = feed.items[1]!;
    expect(scones.url).toBe("https://crumb.example/journal/scones");
    expect(scones.contentHtml).toBe("Plain <i>and</i> cheese.");
    expect(scones.datePublished).toBe("2022-01-14T00:00:00Z");
  });
});
