/**
 * Demo content for `npm start` (DEMO=true): three small sources of our own invention. The
 * Harbour Gazette publishes an article; the Coastline Digest blog reposts it word for word with
 * other markup, the title repeated and its own footer. The merged feed shows one story with two
 * copies, the Gazette's first, beside the other posts.
 */

export interface DemoDocument {
  source: string;
  contentType: string;
  body: string;
}

const FERRY_PARAGRAPHS = [
  "The island ferry between Port Alder and Greywick will run every forty minutes from Monday, the harbour authority said on Thursday, after a summer in which queues at both terminals regularly stretched past the fish market.",
  "The authority has leased a second vessel, the Marram, from a shipyard in the north for eighteen months. Crews finished sea trials on Wednesday and the boat carried its first passengers, a group of school inspectors, on a short test crossing.",
  "Harbour master Ilse Brandvold said the extra sailings would cut the average wait from just over an hour to under twenty-five minutes. “We heard the complaints all season,” she said. “Nobody should have to plan a dentist appointment around a ferry.”",
  "Cyclists will keep their own boarding lane, and the last crossing of the evening moves from 21:10 to 22:30 on Fridays and Saturdays. Fares stay as they are until the spring review.",
  "Some residents of Greywick worry that more crossings mean more cars on the narrow coast road. The council has promised a traffic count in October and said it would consider a seasonal permit scheme if the numbers rise sharply.",
];

const FERRY_TITLE = "Island ferry to run every forty minutes from Monday";

function rss(): string {
  const body = FERRY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Harbour Gazette</title>
    <link>https://gazette.example.org/</link>
    <description>News from the harbour towns</description>
    <item>
      <title>${FERRY_TITLE}</title>
      <link>https://gazette.example.org/2026/11/ferry-every-forty-minutes</link>
      <guid isPermaLink="false">gazette-2026-1187</guid>
      <pubDate>Thu, 19 Nov 2026 08:30:00 +0000</pubDate>
      <dc:creator>Mara Lindqvist</dc:creator>
      <category>Transport</category>
      <description>The harbour authority adds a second vessel; waits should fall to under twenty-five minutes.</description>
      <content:encoded><![CDATA[${body}]]></content:encoded>
    </item>
    <item>
      <title>Lighthouse open to visitors for one weekend</title>
      <link>https://gazette.example.org/2026/11/lighthouse-open-weekend</link>
      <guid isPermaLink="false">gazette-2026-1183</guid>
      <pubDate>Tue, 17 Nov 2026 16:00:00 +0000</pubDate>
      <dc:creator>Tomas Ekberg</dc:creator>
      <category>Culture</category>
      <content:encoded><![CDATA[<p>The old lighthouse on Skarv Point opens its stairs to the public on the last weekend of November, for the first time since its lamp was automated.</p><p>Volunteers will guide groups of ten up the 114 steps every half hour. Tickets are free but must be booked at the library.</p>]]></content:encoded>
    </item>
  </channel>
</rss>`;
}

function atom(): string {
  const escapeXml = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const repost = `<div class="post-body">${FERRY_PARAGRAPHS.join("<br /><br />\n")}<br /><br /><div style="text-align:center"><b>${FERRY_TITLE}</b></div>Source: <a href="https://gazette.example.org/2026/11/ferry-every-forty-minutes?utm_source=coastline">Coastline Digest</a><br />Share this: Facebook | X | Email</div>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:coastline-digest.example.net,2026:feed</id>
  <title>Coastline Digest</title>
  <updated>2026-11-19T19:05:00+01:00</updated>
  <link rel="self" href="https://coastline-digest.example.net/feeds/posts/default"/>
  <link rel="alternate" type="text/html" href="https://coastline-digest.example.net/"/>
  <author><name>Coastline Digest</name></author>
  <entry>
    <id>tag:coastline-digest.example.net,2026:post-311</id>
    <title type="text">${FERRY_TITLE} - Coastline Digest</title>
    <published>2026-11-19T19:05:00+01:00</published>
    <updated>2026-11-19T19:05:00+01:00</updated>
    <link rel="alternate" type="text/html" href="https://coastline-digest.example.net/2026/11/island-ferry-forty-minutes.html"/>
    <content type="html">${escapeXml(repost)}</content>
  </entry>
  <entry>
    <id>tag:coastline-digest.example.net,2026:post-309</id>
    <title type="text">Five quiet beaches for a winter walk</title>
    <published>2026-11-18T10:00:00+01:00</published>
    <updated>2026-11-18T10:00:00+01:00</updated>
    <link rel="alternate" type="text/html" href="https://coastline-digest.example.net/2026/11/winter-beaches.html"/>
    <content type="html">${escapeXml("<p>From the dunes at Hallsand to the pebble cove below Ravnsberg, our readers picked the beaches where you can walk for an hour and meet nobody but oystercatchers.</p><p>Bring a flask: the kiosks close in October.</p>")}</content>
  </entry>
</feed>`;
}

function jsonFeed(): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: "Greywick Council notices",
    home_page_url: "https://council.greywick.example.com/",
    feed_url: "https://council.greywick.example.com/notices.json",
    items: [
      {
        id: "notice-2026-044",
        url: "https://council.greywick.example.com/notices/2026-044",
        title: "Coast road traffic count in October",
        content_text:
          "The council will count vehicles on the coast road for two weeks in October to see how the new ferry timetable changes traffic through the village.\n\nResults will be published before the December meeting.",
        date_published: "2026-11-20T09:15:00Z",
        tags: ["roads", "ferry"],
      },
    ],
  });
}

/** The demo documents, in the order they are ingested (the original arrives last on purpose). */
export function demoDocuments(): DemoDocument[] {
  return [
    {
      source: "https://coastline-digest.example.net/feeds/posts/default",
      contentType: "application/atom+xml",
      body: atom(),
    },
    {
      source: "https://council.greywick.example.com/notices.json",
      contentType: "application/feed+json",
      body: jsonFeed(),
    },
    { source: "https://gazette.example.org/feed.xml", contentType: "application/rss+xml", body: rss() },
  ];
}
