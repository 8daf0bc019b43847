import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";

const councilAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://council.millbrook.example/news/" xml:lang="en">
  <id>urn:uuid:5a1c0de0-0000-4000-8000-000000000001</id>
  <title type="html">Millbrook &amp;amp; District News</title>
  <subtitle>Updates from the town hall</subtitle>
  <updated>2022-03-08T12:00:00Z</updated>
  <link rel="alternate" type="text/html" href="/"/>
  <link rel="self" href="feed.atom"/>
  <author><name>Press Office</name><email>press@millbrook.example</email><uri>/press</uri></author>
  <icon>/favicon.ico</icon>
  <entry>
    <id>tag:millbrook.example,2022:news-7</id>
    <title type="text">Parks &amp; gardens plan</title>
    <link href="parks-plan"/>
    <link rel="enclosure" href="/files/plan.pdf" type="application/pdf" length="1234"/>
    <link rel="replies" type="text/html" href="parks-plan#comments"/>
    <published>2022-03-08T09:00:00-05:00</published>
    <updated>2022-03-08T10:00:00-05:00</updated>
    <category term="parks"/>
    <summary type="html">&lt;p&gt;New &lt;b&gt;benches&lt;/b&gt;&lt;/p&gt;</summary>
    <content type="xhtml" xml:base="https://cdn.millbrook.example/parks/">
      <div xmlns="http://www.w3.org/1999/xhtml"><p>See the <a href="map.html">map</a> &amp; plan.</p><img src="bench.png" alt=""/></div>
    </content>
  </entry>
  <entry xml:base="https://archive.millbrook.example/2021/">
    <id>tag:millbrook.example,2021:news-3</id>
    <title>Winter gritting</title>
    <link rel="alternate" href="gritting"/>
    <updated>2021-12-01T08:00:00Z</updated>
    <author><name>Roads Team</name></author>
    <content type="text">Grit bins are &lt;full&gt;.</content>
  </entry>
</feed>`;

describe("Atom 1.0", () => {
  const feed = parseFeed(councilAtom, { url: "https://ignored.example/" });
  const [parks, gritting] = feed.items;

  it("reads the feed, resolving links against xml:base", () => {
    expect(feed.format).toBe("atom1.0");
    expect(feed.title).toBe("Millbrook & District News");
    expect(feed.description).toBe("Updates from the town hall");
    expect(feed.homePageUrl).toBe("https://council.millbrook.example/");
    expect(feed.feedUrl).toBe("https://council.millbrook.example/news/feed.atom");
    expect(feed.iconUrl).toBe("https://council.millbrook.example/favicon.ico");
    expect(feed.language).toBe("en");
    expect(feed.authors).toEqual([
      {
        name: "Press Office",
        email: "press@millbrook.example",
        url: "https://council.millbrook.example/press",
      },
    ]);
  });

  it("maps an entry: text title, html summary, xhtml content with its own xml:base", () => {
    expect(parks).toMatchObject({
      id: "tag:millbrook.example,2022:news-7",
      url: "https://council.millbrook.example/news/parks-plan",
      title: "Parks & gardens plan",
      summary: "<p>New <b>benches</b></p>",
      datePublished: "2022-03-08T14:00:00Z",
      dateModified: "2022-03-08T15:00:00Z",
      tags: ["parks"],
      commentsUrl: "https://council.millbrook.example/news/parks-plan#comments",
      attachments: [
        {
          url: "https://council.millbrook.example/files/plan.pdf",
          mimeType: "application/pdf",
          sizeInBytes: 1234,
        },
      ],
      // RFC 4287 §4.2.1: entries without author inherit the feed's.
      authors: [{ name: "Press Office" }],
    });
    expect(parks!.contentHtml).toBe(
      '<p>See the <a href="https://cdn.millbrook.example/parks/map.html">map</a> &amp; plan.</p><img src="https://cdn.millbrook.example/parks/bench.png" alt="" />',
    );
  });

  it("puts type=text content in contentText and falls back to updated for the date", () => {
    expect(gritting!.url).toBe("https://archive.millbrook.example/2021/gritting");
    expect(gritting!.contentText).toBe("Grit bins are <full>.");
    expect(gritting!.contentHtml).toBeUndefined();
    expect(gritting!.datePublished).toBe("2021-12-01T08:00:00Z");
    expect(gritting!.authors).toEqual([{ name: "Roads Team" }]);
  });
});

describe("Atom 0.3", () => {
  const bakery03 = `<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title mode="escaped" type="text/html">Crumb &amp;amp; Co</title>
  <link rel="alternate" type="text/html" href="http://crumb.example/"/>
  <modified>2004-05-02T10:00:00Z</modified>
  <author><name>Bea Baker</name><url>http://crumb.example/bea</url></author>
  <entry>
    <title>Hot cross buns</title>
    <link rel="alternate" type="text/html" href="http://crumb.example/buns"/>
    <id>tag:crumb.example,2004:buns</id>
    <issued>2004-04-09T08:00:00+02:00</issued>
    <modified>2004-04-10T08:00:00+02:00</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;Spiced &amp;amp; glazed&lt;/p&gt;</content>
  </entry>
</feed>`;

  it("maps issued/modified, escaped mode and the 0.3 author url", () => {
    const feed = parseFeed(bakery03);
    expect(feed.format).toBe("atom0.3");
    expect(feed.title).toBe("Crumb & Co");
    expect(feed.authors).toEqual([{ name: "Bea Baker", url: "http://crumb.example/bea" }]);
    expect(feed.items[0]).toMatchObject({
      id: "tag:crumb.example,2004:buns",
      url: "http://crumb.example/buns",
      datePublished: "2004-04-09T06:00:00Z",
      dateModified: "2004-04-10T06:00:00Z",
      contentHtml: "<p>Spiced &amp; glazed</p>",
    });
  });
});
