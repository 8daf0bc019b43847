import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";

const councilRss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:a10="http://www.w3.org/2005/Atom">
  <channel>
    <title>Millbrook Town Council &amp;amp; Committees</title>
    <link>https://council.millbrook.example/</link>
    <description>Notices from the &lt;b&gt;council&lt;/b&gt;</description>
    <language>en-gb</language>
    <a10:link rel="self" href="https://council.millbrook.example/feed.rss"/>
    <image><url>/logo.png</url></image>
    <item>
      <title>Bridge Street closed for &lt;em&gt;repairs&lt;/em&gt;</title>
      <link>/notices/bridge-street</link>
      <guid isPermaLink="false">notice-101</guid>
      <description>Short: the bridge is shut.</description>
      <content:encoded><![CDATA[<p>The bridge on <a href="/map#bridge">Bridge Street</a> is shut.</p><script>alert(1)</script>]]></content:encoded>
      <pubDate>Mon, 07 Mar 2022 09:30:00 +0100</pubDate>
      <author>clerk@millbrook.example (Ada Clerk)</author>
      <dc:creator>Ada Clerk</dc:creator>
      <category>Roads</category>
      <category>Roads</category>
      <category>Works</category>
      <comments>https://council.millbrook.example/notices/bridge-street#comments</comments>
      <enclosure url="https://council.millbrook.example/minutes.pdf" type="application/pdf" length="2048"/>
      <source url="https://county.example/feed">County notices</source>
    </item>
    <item>
      <title>Budget meeting</title>
      <guid>https://council.millbrook.example/notices/budget</guid>
      <description>&lt;p&gt;The budget is &lt;strong&gt;balanced&lt;/strong&gt;.&lt;/p&gt;</description>
      <dc:date>2022-03-01T18:00:00Z</dc:date>
    </item>
    <item>
      <title>Library hours</title>
      <link>https://council.millbrook.example/notices/library</link>
      <description><p>Open <b>late</b> on Thursdays</p></description>
      <pubDate>sometime next week</pubDate>
    </item>
  </channel>
</rss>`;

describe("RSS 2.0", () => {
  const feed = parseFeed(councilRss, { url: "https://elsewhere.example/fetched.xml" });
  const [bridge, budget, library] = feed.items;

  it("reads the channel", () => {
    expect(feed.format).toBe("rss2.0");
    expect(feed.title).toBe("Millbrook Town Council & Committees");
    expect(feed.description).toBe("Notices from the council");
    expect(feed.homePageUrl).toBe("https://council.millbrook.example/");
    // The Atom namespace under a non-standard prefix is still recognized.
    expect(feed.feedUrl).toBe("https://council.millbrook.example/feed.rss");
    expect(feed.language).toBe("en-gb");
    expect(feed.iconUrl).toBe("https://council.millbrook.example/logo.png");
    expect(feed.items).toHaveLength(3);
  });

  it("maps an item with content:encoded: description becomes the summary", () => {
    expect(bridge).toMatchObject({
      id: "notice-101",
      url: "https://council.millbrook.example/notices/bridge-street",
      title: "Bridge Street closed for repairs",
      summary: "Short: the bridge is shut.",
      datePublished: "2022-03-07T08:30:00Z",
      authors: [{ email: "clerk@millbrook.example", name: "Ada Clerk" }, { name: "Ada Clerk" }],
      tags: ["Roads", "Works"],
      commentsUrl: "https://council.millbrook.example/notices/bridge-street#comments",
      attachments: [
        {
          url: "https://council.millbrook.example/minutes.pdf",
          mimeType: "application/pdf",
          sizeInBytes: 2048,
        },
      ],
      sourceFeed: { title: "County notices", url: "https://county.example/feed" },
    });
    expect(bridge!.contentHtml).toBe(
      '<p>The bridge on <a href="https://council.millbrook.example/map#bridge">Bridge Street</a> is shut.</p>',
    );
  });

  it("uses a permalink guid as the URL and escaped description as the body", () => {
    expect(budget!.url).toBe("https://council.millbrook.example/notices/budget");
    expect(budget!.id).toBe("https://council.millbrook.example/notices/budget");
    expect(budget!.contentHtml).toBe("<p>The budget is <strong>balanced</strong>.</p>");
    expect(budget!.summary).toBeUndefined();
    expect(budget!.datePublished).toBe("2022-03-01T18:00:00Z");
  });

  it("keeps unescaped HTML in description and warns about a bad date", () => {
    expect(library!.contentHtml).toBe("<p>Open <b>late</b> on Thursdays</p>");
    expect(library!.datePublished).toBeUndefined();
    expect(feed.warnings.some((w) => w.includes("sometime next week"))).toBe(true);
  });
});

describe("RSS 0.91", () => {
  const bakery091 = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
<channel>
<title>Crumb &amp; Crust Bakery</title>
<link>http://crumb.example/</link>
<description>Fresh from the oven</description>
<language>en</language>
<item>
<title>Rye loaves are back&nbsp;&mdash; at last</title>
<link>http://crumb.example/rye.html</link>
<description>Our rye &eacute;dition returns.</description>
</item>
</channel>
</rss>`;

  it("parses with the Netscape DOCTYPE and HTML named entities", () => {
    const feed = parseFeed(bakery091);
    expect(feed.format).toBe("rss0.9x");
    expect(feed.title).toBe("Crumb & Crust Bakery");
    expect(feed.items).toHaveLength(1);
    // A no-break space is a character the title chose; only ASCII whitespace collapses.
    expect(feed.items[0]!.title).toBe("Rye loaves are back\u00a0— at last");
    expect(feed.items[0]!.contentHtml).toBe("Our rye édition returns.");
    expect(feed.items[0]!.url).toBe("http://crumb.example/rye.html");
  });
});
