import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXmlBothWays } from "../../../src/feed/xml";

// Our own documents, with the shapes the fast path must get exactly right: repeated children,
// attributes with and without text, CDATA beside text, comments inside text, raw-markup
// elements holding markup, CDATA and their own name as text, renamed prefixes, CRLF line ends.
const DOCUMENTS = [
  `<?xml version="1.0" encoding="utf-8"?>\r\n<?xml-stylesheet href="s.xsl"?>\r\n<!-- made by hand -->\r\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:c2="http://purl.org/dc/elements/1.1/">
<channel><title>Quay &amp; Wharf</title><link>https://quay.example/</link>
<item><title>Nets <![CDATA[& ropes]]> mended</title><guid isPermaLink="false">q-1</guid><c2:creator>Ines</c2:creator>
<category domain="x">boats</category><category>tides</category><category/>
<description>Ropes &lt;b&gt;tarred&lt;/b&gt; <!-- aside --> today</description>
<content:encoded><![CDATA[<p>Full text with a </content:encoded> inside</p>]]></content:encoded>
<enclosure url="https://quay.example/a.mp3" length="12" type="audio/mpeg" /></item>
<item><title/><description><p class='x'>inline <b>markup</b></p></description><empty></empty></item>
</channel></rss>`,
  `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title type="html">Moor &amp;amp; Fell</title>
<entry><id>m-1</id><link rel="alternate" href="/walk"/><link rel="enclosure" href="/w.mp3" length="3"/>
<summary type="html">&lt;p&gt;Heather&lt;/p&gt;</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Out <title>nested?</title></p></div></content>
<author><name>Fen</name><uri>https://fen.example/</uri></author></entry></feed>`,
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://wire.example/"><title>Wire</title><items><rdf:Seq><rdf:li rdf:resource="https://wire.example/1"/></rdf:Seq></items></channel><item rdf:about="https://wire.example/1"><title>One</title></item></rdf:RDF>`,
];

function expectSameTree(xml: string): void {
  const { fast, full } = parseXmlBothWays(xml);
  // Where the fast path builds a tree, fast-xml-parser builds the same one; where
  // fast-xml-parser refuses a document, the fast path never accepted it.
  if (fast !== undefined) expect(fast).toEqual(full);
}

describe("the fast XML path", () => {
  it.each(
    DOCUMENTS.map((d, i) => [i, d] as const),
  )("builds fast-xml-parser's tree for document %i", (_i, xml) => {
    const { fast, full } = parseXmlBothWays(xml);
    expect(fast).toBeDefined();
    expect(fast).toEqual(full);
  });

  it("declines what it does not read plainly", () => {
    for (const xml of [
      '<!DOCTYPE rss [<!ENTITY a "b">]><rss><channel><title>&a;</title></channel></rss>',
      "<rss><channel><title>a < b</title><x>1 < 2</x></channel></rss>",
      "<rss><channel><item checked><title>x</title></item></channel></rss>",
      "<rss><channel><item a='1' a='2'/></channel></rss>",
      "<rss><channel><title>cut off",
      "<rss><channel></item></channel></rss>",
    ]) {
      expect(parseXmlBothWays(xml).fast, xml).toBeUndefined();
    }
  });

  it("builds the same tree as fast-xml-parser, or declines, on mutated documents", () => {
    const piece = fc.constantFrom(
      "<",
      ">",
      "&",
      "&amp;",
      '"',
      "'",
      "<![CDATA[",
      "]]>",
      "<!--",
      "-->",
      "\r\n",
      "/",
      "=",
      "</title>",
      "<title>",
      "<b/>",
      "<?pi?>",
      "&#38;",
      "x:y",
      " ",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...DOCUMENTS),
        fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.option(piece)), { maxLength: 4 }),
        (doc, edits) => {
          let xml = doc;
          for (const [at, drop, insert] of edits) {
            const p = at % (xml.length + 1);
            xml = xml.slice(0, p) + (insert ?? "") + xml.slice(p + (insert === null ? drop : 0));
          }
          expectSameTree(xml);
        },
      ),
      // A fixed seed keeps CI repeatable; the counterexample below was found by an unseeded run.
      { numRuns: 3000, seed: 20261126 },
    );
  });
});

describe("the fast XML path, cases its property test found", () => {
  it("leaves a processing instruction without a target to fast-xml-parser", () => {
    expectSameTree(
      '<?>xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>',
    );
  });
});
