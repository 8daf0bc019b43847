/**
 * Our own small documents for the real-client tests: a town's RSS (two stories, one with an
 * author, a category and an enclosure), a blog's Atom repost of one of them (folds into it) plus
 * a post of its own, and a library's JSON Feed. Five items, four stories.
 */

const ORCHARD_HTML = [
  "<p>The allotment society will plant forty new pear trees along the canal towpath this spring, after a survey found the old avenue had lost half its trees to storms.</p>",
  "<p>Volunteers meet at the lock keeper's cottage on three Saturday mornings in March. The society supplies spades, stakes and gloves; the trees come from a nursery two villages away.</p>",
  "<p>The canal trust says the towpath stays open during the work, with short diversions around each planting site.</p>",
].join("\n");

export const TOWN_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Canalside Gazette</title>
    <link>https://canalside-gazette.example/</link>
    <description>News from the canal villages</description>
    <item>
      <title>Forty pear trees for the towpath</title>
      <link>https://canalside-gazette.example/2026/03/pear-trees</link>
      <guid isPermaLink="false">gazette-3101</guid>
      <pubDate>Mon, 02 Mar 2026 07:30:00 +0000</pubDate>
      <dc:creator>Mira Holt</dc:creator>
      <category>environment</category>
      <enclosure url="https://canalside-gazette.example/media/pears.jpg" length="48213" type="image/jpeg"/>
      <content:encoded><![CDATA[${ORCHARD_HTML}]]></content:encoded>
    </item>
    <item>
      <title>Night market returns to the wharf</title>
      <link>https://canalside-gazette.example/2026/03/night-market</link>
      <guid isPermaLink="false">gazette-3102</guid>
      <pubDate>Wed, 04 Mar 2026 18:00:00 +0000</pubDate>
      <description>Twenty stalls, a brass band and hot chestnuts: the wharf night market opens again on the first Friday of April and runs monthly until October.</description>
    </item>
  </channel>
</rss>`;

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export const BLOG_ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:lockside-blog.example,2026:feed</id>
  <title>Lockside Blog</title>
  <updated>2026-03-03T09:00:00Z</updated>
  <link rel="alternate" href="https://lockside-blog.example/"/>
  <author><name>Lockside Blog</name></author>
  <entry>
    <id>tag:lockside-blog.example,2026:post-88</id>
    <title>Forty pear trees for the towpath</title>
    <published>2026-03-03T09:00:00Z</published>
    <updated>2026-03-03T09:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://lockside-blog.example/2026/03/pears.html"/>
    <content type="html">${esc(ORCHARD_HTML)}</content>
  </entry>
  <entry>
    <id>tag:lockside-blog.example,2026:post-90</id>
    <title>Lock gates repainted in the old green</title>
    <published>2026-03-05T12:15:00Z</published>
    <updated>2026-03-05T12:15:00Z</updated>
    <author><name>Tomas Reed</name></author>
    <link rel="alternate" type="text/html" href="https://lockside-blog.example/2026/03/lock-gates.html"/>
    <content type="html">${esc("<p>The lock gates at the top of the flight have been repainted in the dark green they wore a century ago, matching a photograph found in the parish archive.</p>")}</content>
  </entry>
</feed>`;

export const LIBRARY_JSON = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Wharf Library",
  home_page_url: "https://wharf-library.example/",
  feed_url: "https://wharf-library.example/feed.json",
  items: [
    {
      id: "wl-2026-07",
      url: "https://wharf-library.example/events/map-evening",
      title: "Old canal maps on show",
      content_text:
        "For one evening the library lays out its collection of canal survey maps, some two hundred years old, with a volunteer archivist to explain them.",
      date_published: "2026-03-01T16:45:00Z",
      authors: [{ name: "Library staff" }],
      tags: ["events", "history"],
    },
  ],
});

/** What every client must see: newest first, with the byline each story should carry. */
export const EXPECTED = [
  { title: "Lock gates repainted in the old green", published: "2026-03-05T12:15:00Z", author: "Tomas Reed" },
  {
    title: "Night market returns to the wharf",
    published: "2026-03-04T18:00:00Z",
    author: "Canalside Gazette",
  },
  { title: "Forty pear trees for the towpath", published: "2026-03-02T07:30:00Z", author: "Mira Holt" },
  { title: "Old canal maps on show", published: "2026-03-01T16:45:00Z", author: "Library staff" },
];
