/**
 * Small documents of our own text for the worker tests, one per format, plus a syndicated copy.
 */

export const ORCHARD_PARAGRAPHS = [
  "The community orchard on Weaver Street will be replanted this winter after a fungal disease killed eleven of its thirty apple trees, the neighbourhood association announced on Sunday.",
  "Volunteers will clear the dead trees in December and plant disease-resistant varieties chosen with help from the regional fruit society. The society is donating grafts from four old local cultivars.",
  "“We lost some trees that were older than most of us,” said association chair Pilar Ocampo. “But the new ones will be fruiting in four years, and the children who plant them will pick them.”",
  "The association is asking for help on two Saturday mornings and for donations of mulch. Anyone with a wheelbarrow is especially welcome.",
];
export const ORCHARD_TITLE = "Weaver Street orchard to be replanted after disease";

export function orchardRss(options: { guid?: string; date?: string; extra?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Weaver Street Neighbours</title>
    <link>https://weaver.example.org/</link>
    <description>Neighbourhood news</description>
    <item>
      <title>${ORCHARD_TITLE}</title>
      <link>https://weaver.example.org/news/orchard-replanting</link>
      <guid isPermaLink="false">${options.guid ?? "weaver-77"}</guid>
      <pubDate>${options.date ?? "Sun, 08 Nov 2026 10:00:00 +0000"}</pubDate>
      <content:encoded><![CDATA[${ORCHARD_PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n")}${options.extra ?? ""}]]></content:encoded>
    </item>
  </channel>
</rss>`;
}

const xmlEscape = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** A blog repost: other markup, the title repeated at the end, a "Source:" line and comment prompts. */
export function orchardRepostAtom(
  blog = "Riverside Reposts",
  host = "riverside-reposts.example.net",
): string {
  const html = `<div dir="ltr">${ORCHARD_PARAGRAPHS.join("<br /><br />\n")}<br /><br /><div style="text-align:center"><b>${ORCHARD_TITLE}</b></div>Source: <a href="https://weaver.example.org/news/orchard-replanting?utm_source=${host}">${blog}</a><br/>Post a Comment<br/>0 Comments</div>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:${host},2026:blog</id>
  <title>${blog}</title>
  <updated>2026-11-09T06:00:00Z</updated>
  <link rel="alternate" href="https://${host}/"/>
  <entry>
    <id>tag:${host},2026:post-9</id>
    <title type="text">${ORCHARD_TITLE}</title>
    <published>2026-11-09T06:00:00Z</published>
    <updated>2026-11-09T06:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://${host}/2026/11/orchard.html"/>
    <content type="html">${xmlEscape(html)}</content>
  </entry>
</feed>`;
}

export const MARKET_RDF = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://market.example.org/rss">
    <title>Saturday Market</title>
    <link>https://market.example.org/</link>
    <description>What is on at the market</description>
    <items><rdf:Seq><rdf:li rdf:resource="https://market.example.org/stalls/cheese"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://market.example.org/stalls/cheese">
    <title>A new cheese stall joins the market</title>
    <link>https://market.example.org/stalls/cheese</link>
    <description>A dairy from the hill farms brings six raw-milk cheeses to the Saturday market from this week, including a smoked one aged in a former railway tunnel.</description>
    <dc:date>2026-11-07T08:00:00Z</dc:date>
    <dc:creator>Market office</dc:creator>
  </item>
</rdf:RDF>`;

export const LIBRARY_JSON = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Branch Library",
  home_page_url: "https://library.example.org/",
  feed_url: "https://library.example.org/feed.json",
  items: [
    {
      id: "lib-2026-12",
      url: "https://library.example.org/events/repair-cafe",
      title: "Repair café moves to Wednesdays",
      content_text:
        "The monthly repair café, where volunteers fix lamps, toasters and torn coats, now meets on the first Wednesday of the month in the reading room.",
      date_published: "2026-11-05T17:00:00Z",
      authors: [{ name: "Library staff" }],
      tags: ["events"],
    },
  ],
});

export const POOL_ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:pool.example.org,2026:feed</id>
  <title>Municipal Pool</title>
  <updated>2026-11-04T12:00:00Z</updated>
  <link rel="self" href="https://pool.example.org/atom.xml"/>
  <link rel="alternate" href="https://pool.example.org/"/>
  <entry>
    <id>tag:pool.example.org,2026:closure</id>
    <title>Pool closed for tile repairs</title>
    <updated>2026-11-04T12:00:00Z</updated>
    <link href="https://pool.example.org/news/tile-repairs"/>
    <author><name>Pool manager</name></author>
    <summary>The pool closes for ten days from the 23rd while the tiles of the deep end are replaced.</summary>
  </entry>
</feed>`;
