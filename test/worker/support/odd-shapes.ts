/**
 * Feeds of our own in the shapes that made the W3C validator speak about our outputs (issue 16):
 * empty elements, markup and entity-like text in plain-text fields, bodies of images only, and
 * HTML fragments that a browser has to repair (a heading inside a link inside a paragraph, stray
 * and misnested end tags, cells outside rows, references without ";" or naming nothing).
 * Expected: every item is accepted, and the merged RSS and Atom say nothing the validator warns
 * about (test/worker/outputs/validator-conditions.test.ts).
 */

export const ODD_RSS_SOURCE = "https://odd-shapes.example/rss.xml";
export const ODD_ATOM_SOURCE = "https://odd-shapes.example/atom.xml";

const cdata = (html: string) => `<![CDATA[${html}]]>`;

export const ODD_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Odd Shapes Weekly</title>
    <link>https://odd-shapes.example/</link>
    <description>Feeds that bend the rules</description>
    <item>
      <title>A link that is only a link</title>
      <link>https://odd-shapes.example/link-only</link>
      <guid>odd-1</guid>
      <description></description>
      <pubDate>Mon, 02 Nov 2026 08:00:00 +0000</pubDate>
    </item>
    <item>
      <title>Gallery: the river at dawn</title>
      <link>https://odd-shapes.example/gallery</link>
      <guid>odd-2</guid>
      <pubDate>Mon, 02 Nov 2026 09:00:00 +0000</pubDate>
      <content:encoded>${cdata('<figure><img src="https://odd-shapes.example/river.jpg" alt=""></figure><img src="https://odd-shapes.example/pixel.gif" width="1" height="1">')}</content:encoded>
    </item>
    <item>
      <title>Watch the tide video</title>
      <link>https://odd-shapes.example/tide</link>
      <guid>odd-3</guid>
      <description>Our film of the spring tide https://video.example/watch?v=tide42&amp;ab_channel=OddShapes and the notes &amp;#8212; all of them.</description>
      <pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate>
    </item>
    <item>
      <title>Logbook of the lock keeper</title>
      <link>https://odd-shapes.example/logbook</link>
      <guid>odd-4</guid>
      <pubDate>Mon, 02 Nov 2026 11:00:00 +0000</pubDate>
      <content:encoded>${cdata(
        [
          "<p>The lock keeper writes down every boat that passes, and this week there were many.",
          '<a href="https://odd-shapes.example/logbook#monday"><h2>Monday</h2></a>',
          "</p><p>Eleven narrowboats went up before noon &copy the keeper &amp crew, one with a dog at the tiller.</p>",
          "<ul><li><span>Tuesday: fog<li>Wednesday: sun</ul>",
          "<table><td>boats</td><td>41</td></table>",
          "<p><b><i>Thursday</b> was quiet</i> &#0; &#x80; &nosuchname; and the gate stuck.</p></p>",
          "<dl><dt>Friday<dd><p>Inspection</dl>",
        ].join("\n"),
      )}</content:encoded>
    </item>
  </channel>
</rss>`;

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export const ODD_ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:odd-shapes.example,2026:atom</id>
  <title>Odd Shapes Notes</title>
  <updated>2026-11-03T12:00:00Z</updated>
  <link rel="alternate" href="https://odd-shapes.example/notes/"/>
  <author><name>Odd Shapes</name></author>
  <entry>
    <id>tag:odd-shapes.example,2026:empty</id>
    <title>An entry with empty parts</title>
    <updated>2026-11-03T08:00:00Z</updated>
    <link rel="alternate" href="https://odd-shapes.example/notes/empty"/>
    <summary></summary>
    <content type="html"></content>
  </entry>
  <entry>
    <id>tag:odd-shapes.example,2026:tags-in-text</id>
    <title type="text">Why &lt;/p&gt; closes a paragraph &amp; &amp;nbsp; is a space</title>
    <updated>2026-11-03T09:00:00Z</updated>
    <link rel="alternate" href="https://odd-shapes.example/notes/tags"/>
    <content type="text">In HTML, &lt;p&gt;text&lt;/p&gt; is a paragraph, and &amp;amp; writes an ampersand; &amp;copy is a copyright sign even without its semicolon.</content>
  </entry>
  <entry>
    <id>tag:odd-shapes.example,2026:broken-html</id>
    <title>Minutes of the towpath meeting</title>
    <updated>2026-11-03T10:00:00Z</updated>
    <link rel="alternate" href="https://odd-shapes.example/notes/minutes"/>
    <content type="html">${esc(
      [
        "<p>Present: nine members and the canal trust's ranger.",
        "<div>Apologies from the treasurer.</div>",
        "<h3>Item one<h4>the bridge</h3></h4>",
        '<p><a href="https://odd-shapes.example/a">outer <a href="https://odd-shapes.example/b">inner</a></a></p>',
        "<p>Agreed: paint the benches &amp repair the sign &#xD800; by spring.</i></em></p>",
        "<table><tr><th>Vote<td>For<tr><td>7<td>2</table>",
      ].join("\n"),
    )}</content>
  </entry>
</feed>`;
