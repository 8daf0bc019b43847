import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeedParseError, type ParsedFeed, parseFeed } from "../../../src/feed/parse-feed";

// Our own small feeds, one per format, for the mutations to work on.
const SEEDS = [
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Pier &amp; Harbour</title><link>http://pier.example/</link><item><title>Boats &lt;b&gt;back&lt;/b&gt;</title><link>/boats</link><guid>b1</guid><pubDate>Tue, 3 Jun 2008 11:05:30 GMT</pubDate><description><![CDATA[<p>Ten <a href="/x">boats</a></p>]]></description><content:encoded>&lt;p&gt;Full &amp;amp; long&lt;/p&gt;</content:encoded><enclosure url="/a.mp3" length="12" type="audio/mpeg"/></item></channel></rss>`,
  `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://moor.example/"><title type="html">Moor &amp;amp; Fell</title><entry><id>e1</id><title>Walk</title><link href="walk"/><updated>2024-05-01T10:00:00+02:00</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Heather <b>out</b></p></div></content></entry></feed>`,
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="http://wire.example/"><title>Wire</title></channel><item rdf:about="http://wire.example/1"><title>One</title><dc:date>2004-01-01</dc:date></item></rdf:RDF>`,
  `{"version":"https://jsonfeed.org/version/1.1","title":"Kiln","items":[{"id":"k1","content_html":"<p>hot</p>","date_published":"2021-01-01T00:00:00Z","tags":["clay"]}]}`,
];

/** The property: a ParsedFeed, or our typed error, and never anything else. */
function parsesOrRefuses(body: string | Uint8Array): void {
  let feed: ParsedFeed;
  try {
    feed = parseFeed(body);
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    expect(typeof error.detail).toBe("string");
    return;
  }
  expect(Array.isArray(feed.items)).toBe(true);
  expect(Array.isArray(feed.warnings)).toBe(true);
  for (const item of feed.items) {
    expect(Array.isArray(item.authors) && Array.isArray(item.tags)).toBe(true);
    if (item.datePublished !== undefined)
      expect(item.datePublished).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
}

const mutation = fc.oneof(
  // delete a slice
  fc.record({ kind: fc.constant("delete"), at: fc.nat(), length: fc.nat(40) }),
  // insert text, markup-ish or not
  fc.record({
    kind: fc.constant("insert"),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        "<",
        ">",
        "&",
        "&amp;",
        "]]>",
        "<![CDATA[",
        "</item>",
        "<item>",
        "&#0;",
        "&#x110000;",
        '"',
        "\u0000",
        "\uFFFF",
        "<!DOCTYPE x [",
        "&lol;",
      ),
    ),
  }),
  // duplicate a slice
  fc.record({ kind: fc.constant("duplicate"), at: fc.nat(), length: fc.nat(60) }),
);

function mutate(text: string, steps: { kind: string; at: number; length?: number; text?: string }[]): string {
  let out = text;
  for (const step of steps) {
    const at = step.at % (out.length + 1);
    if (step.kind === "delete") out = out.slice(0, at) + out.slice(at + (step.length ?? 0));
    else if (step.kind === "insert") out = out.slice(0, at) + (step.text ?? "") + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + (step.length ?? 0)) + out.slice(at);
  }
  return out;
}

describe("parseFeed on arbitrary input (property-based, fixed seed)", () => {
  it("mutated feeds: a feed or a FeedParseError", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seed, steps) => {
          parsesOrRefuses(mutate(seed, steps));
        },
      ),
      { seed: 20260503, numRuns: 600 },
    );
  });

  it("random bytes, also behind a feed's first bytes: a feed or a FeedParseError", () => {
    const prefix = fc.constantFrom(
      "",
      "<?xml version='1.0' encoding='utf-16'?>",
      "<rss><channel>",
      "\uFEFF{",
      "\xEF\xBB\xBF<feed>",
    );
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 2048 }), (head, bytes) => {
        const start = new TextEncoder().encode(head);
        const body = new Uint8Array(start.length + bytes.length);
        body.set(start);
        body.set(bytes, start.length);
        parsesOrRefuses(body);
      }),
      { seed: 20260503, numRuns: 400 },
    );
  });
});
